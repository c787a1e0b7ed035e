package io.trendtags.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.web.WebApp;
import io.trendtags.web.source.InMemoryTopTagsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/stream} on a real server on port 0: Server-Sent Events read as a browser's EventSource reads them. */
class TopTagsStreamTest {

  private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TopTags JAVA_FIRST = new TopTags(NOON, List.of(new TagCount("Java", 3), new TagCount("Kafka", 2), new TagCount("Spark", 1)), 0);
  private static final TopTags KAFKA_FIRST = new TopTags(NOON.plusSeconds(1), List.of(new TagCount("Kafka", 5), new TagCount("Java", 4)), 0);

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryTopTagsSource source = new InMemoryTopTagsSource();
  private final List<EventStream> streams = new ArrayList<>();
  private WebApp app;

  @AfterEach
  void stop() {
    streams.forEach(EventStream::close);
    if (app != null) {
      app.close();
    }
  }

  /** The data of each {@code top} event received on one open stream. */
  private final class EventStream implements AutoCloseable {
    final HttpResponse<Stream<String>> response;
    final List<JsonNode> tops = new CopyOnWriteArrayList<>();

    EventStream(String query) throws IOException, InterruptedException {
      URI uri = URI.create("http://127.0.0.1:" + app.port() + "/api/stream" + query);
      response = http.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
          HttpResponse.BodyHandlers.ofLines());
      Thread reader = new Thread(() -> {
        try {
          response.body().filter(line -> line.startsWith("data:")).forEach(line -> tops.add(parse(line.substring(5).trim())));
        } catch (UncheckedIOException e) {
          // The stream was closed: the test is over.
        }
      }, "sse-reader");
      reader.setDaemon(true);
      reader.start();
      streams.add(this);
    }

    List<String> lastTags() {
      List<String> tags = new ArrayList<>();
      if (!tops.isEmpty()) {
        tops.get(tops.size() - 1).get("tags").forEach(t -> tags.add(t.get("tag").asText()));
      }
      return tags;
    }

    @Override
    public void close() {
      response.body().close();
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void GET_api_stream_sends_the_current_top_n_at_once_then_each_change_as_api_top_would_answer() throws Exception {
    source.set(JAVA_FIRST);
    app = new WebApp(source, Duration.ofMillis(50)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> source.reads() > 0);

    EventStream stream = new EventStream("?n=2");
    assertThat(stream.response.statusCode()).isEqualTo(200);
    assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.lastTags().equals(List.of("Java", "Kafka")));
    assertThat(stream.tops.get(0)).isEqualTo(JSON.readTree("""
        {"view": "all", "source": "all", "updated_at": "2026-11-25T12:00:00Z", "clock": null, "stale": false,
         "tags": [{"tag": "Java", "count": 3, "authors": 0}, {"tag": "Kafka", "count": 2, "authors": 0}]}
        """));

    source.set(KAFKA_FIRST);

    await().atMost(Duration.ofSeconds(5)).until(() -> stream.lastTags().equals(List.of("Kafka", "Java")));
    // Unchanged reads in between sent nothing: one event on connect, one for the change.
    assertThat(source.reads()).isGreaterThan(2);
    assertThat(stream.tops).hasSize(2);
  }

  @Test
  void a_thousand_dashboards_cost_the_source_what_one_does_twenty_open_streams_one_read() throws Exception {
    source.set(JAVA_FIRST);
    app = new WebApp(source, Duration.ofHours(1)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> source.reads() > 0);

    List<EventStream> twenty = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      twenty.add(new EventStream("?n=" + i));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> twenty.stream().allMatch(s -> s.tops.size() == 1));
    assertThat(twenty.get(0).lastTags()).containsExactly("Java");
    assertThat(twenty.get(19).lastTags()).containsExactly("Java", "Kafka", "Spark");
    assertThat(app.openStreams()).isEqualTo(20);
    assertThat(source.reads()).isEqualTo(1);
  }

  @Test
  void GET_api_stream_with_a_bad_n_gives_400_and_a_json_error_not_a_stream() throws Exception {
    app = new WebApp(source, Duration.ofHours(1)).start("127.0.0.1", 0);

    HttpResponse<String> response = answer("/api/stream?n=100000", "text/event-stream");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("n must be a whole number from 1 to 100");
  }

  @Test
  void GET_api_stream_without_accepting_an_event_stream_gives_406_and_says_what_to_send() throws Exception {
    app = new WebApp(source, Duration.ofHours(1)).start("127.0.0.1", 0);

    HttpResponse<String> response = answer("/api/stream?n=10", "*/*");

    assertThat(response.statusCode()).isEqualTo(406);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("Accept: text/event-stream");
  }

  @Test
  void GET_api_stream_with_a_source_follows_that_networks_list_alone() throws Exception {
    Ranking mastodon = new Ranking(View.ALL, Source.of(Network.MASTODON));
    source.set(JAVA_FIRST).set(mastodon, new TopTags(NOON, List.of(new TagCount("Rust", 2)), 0));
    app = new WebApp(source, Duration.ofMillis(50)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> source.reads() > 0);

    EventStream stream = new EventStream("?source=mastodon&n=5");
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.lastTags().equals(List.of("Rust")));

    source.set(KAFKA_FIRST);
    source.set(mastodon, new TopTags(NOON.plusSeconds(1), List.of(new TagCount("Fediverse", 3), new TagCount("Rust", 2)), 0));

    await().atMost(Duration.ofSeconds(5)).until(() -> stream.lastTags().equals(List.of("Fediverse", "Rust")));
    // The every-source list changed too, and this stream heard nothing of it.
    assertThat(stream.tops).hasSize(2).allSatisfy(top -> assertThat(top.get("source").asText()).isEqualTo("mastodon"));
  }

  @Test
  void GET_api_stream_with_an_unknown_source_gives_400_and_the_same_error_as_api_top() throws Exception {
    app = new WebApp(source, Duration.ofHours(1)).start("127.0.0.1", 0);

    HttpResponse<String> response = answer("/api/stream?source=myspace", "text/event-stream");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText())
        .isEqualTo("source must be one of all, x, mastodon, bluesky, got 'myspace'");
  }

  /** The whole answer to a GET of {@code path} that accepts {@code accept}: for requests refused before any stream. */
  private HttpResponse<String> answer(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
