package io.trendtags.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.web.WebApp;
import io.trendtags.web.embed.EmbedPolicy;
import io.trendtags.web.source.InMemoryTopTagsSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/stream} with clients that never read beside clients that do, on a real server: the readers
 * get every change within a second, the others are dropped, and the caps turn the crowd away with 503.
 */
class SlowStreamClientsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-12-01T12:00:00Z");

  private final InMemoryTopTagsSource source = new InMemoryTopTagsSource();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();
  private WebApp app;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    if (app != null) {
      app.close();
    }
  }

  /** A list of 100 long tags (~100 KB of JSON), written at {@code START + i} seconds. */
  private static TopTags change(int i) {
    List<TagCount> tags = new ArrayList<>();
    for (int t = 0; t < 100; t++) {
      tags.add(new TagCount("tag" + t + "x".repeat(900), 1000L - t + i));
    }
    return new TopTags(START.plusSeconds(i), tags, 0);
  }

  private void start(StreamLimits limits) {
    source.set(change(0));
    app = new WebApp(source, Duration.ofMillis(100), EmbedPolicy.OPEN, limits).start("127.0.0.1", 0);
  }

  /** Opens a stream and never reads it, with a receive buffer as small as the system allows. */
  private void neverReading() throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /api/stream?n=100 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    open.add(socket);
  }

  /** Opens a stream and notes when each change (by its updated_at) arrived. */
  private Map<String, Long> reading() throws Exception {
    Map<String, Long> arrivals = new ConcurrentHashMap<>();
    HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + app.port() + "/api/stream?n=100"))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> {
      try {
        response.body().filter(line -> line.startsWith("data:")).forEach(line -> {
          try {
            arrivals.putIfAbsent(JSON.readTree(line.substring(5)).get("updated_at").asText(), System.nanoTime());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      } catch (UncheckedIOException e) {
        // closed at the end of the test
      }
    }, "reading-client");
    reader.setDaemon(true);
    reader.start();
    open.add(() -> response.body().close());
    return arrivals;
  }

  @Test
  void readersGetEveryChangeWithinASecondWhileTwoHundredClientsNeverReadAndThoseAreDropped() throws Exception {
    start(new StreamLimits(500, 500, Duration.ofSeconds(3)));
    for (int i = 0; i < 200; i++) {
      neverReading();
    }
    List<Map<String, Long>> readers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      readers.add(reading());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> app.openStreams() == 250);

    Map<String, Long> written = new ConcurrentHashMap<>();
    for (int i = 1; i <= 20; i++) {
      TopTags next = change(i);
      written.put(next.updatedAt().toString(), System.nanoTime());
      source.set(next);
      Thread.sleep(250);
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> readers.stream().allMatch(r -> r.keySet().containsAll(written.keySet())));
    long worstMillis = 0;
    for (Map<String, Long> arrivals : readers) {
      for (var change : written.entrySet()) {
        worstMillis = Math.max(worstMillis, (arrivals.get(change.getKey()) - change.getValue()) / 1_000_000);
      }
    }
    assertThat(worstMillis).as("slowest change to reach a reading client, ms").isLessThan(1_000);
    // The clients that never read fell behind for longer than the limit: dropped, the readers stay.
    await().atMost(Duration.ofSeconds(15)).until(() -> app.openStreams() == 50);
  }

  @Test
  void streamsPastTheCapsAreTurnedAwayWith503AndRetryAfterAndAClosedOneFreesItsPlace() throws Exception {
    start(new StreamLimits(10, 3, Duration.ofSeconds(10)));
    List<HttpResponse<Stream<String>>> streams = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      streams.add(stream());
    }
    HttpResponse<Stream<String>> fourth = stream();

    assertThat(streams).allSatisfy(s -> assertThat(s.statusCode()).isEqualTo(200));
    assertThat(fourth.statusCode()).isEqualTo(503);
    assertThat(fourth.headers().firstValue("Retry-After")).hasValue("30");
    assertThat(fourth.body().reduce("", String::concat)).contains("too many open streams");

    streams.get(0).body().close();
    // The server learns that a client left when it next writes to it: changes make it write.
    int[] change = {1};
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
      source.set(change(change[0]++));
      return app.openStreams() == 2;
    });
    assertThat(stream().statusCode()).isEqualTo(200);
  }

  private HttpResponse<Stream<String>> stream() throws Exception {
    HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + app.port() + "/api/stream?n=1"))
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    open.add(() -> response.body().close());
    return response;
  }
}
