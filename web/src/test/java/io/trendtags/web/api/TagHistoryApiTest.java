package io.trendtags.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.web.WebApp;
import io.trendtags.web.source.InMemoryTopTagsSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagHistoryApiTest {

  /** The stream's clock; every bucket is placed relative to it. */
  private static final Instant CLOCK = Instant.parse("2026-11-25T12:00:00Z");
  private static final long NOW = CLOCK.getEpochSecond() / 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryTopTagsSource source = new InMemoryTopTagsSource();
  private final HttpClient http = HttpClient.newHttpClient();
  private WebApp app;

  @BeforeEach
  void start() {
    source.set(new TopTags(CLOCK, CLOCK, List.of(new TagCount("Java", 10)), 0))
        .minute("java", NOW, 3)
        .minute("java", NOW - 1, 2)
        .minute("java", NOW - 59, 1)
        .minute("java", NOW - 60, 7)
        .minute("java", NOW - 24 * 60, 100) // just outside a 24-hour range
        // Mastodon's share of the same tag, under that network's key.
        .minute("mastodon#java", NOW, 1)
        .minute("mastodon#java", NOW - 60, 5);
    app = new WebApp(source, Duration.ofMillis(50)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/top").body().contains(CLOCK.toString()));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void GET_history_of_24h_gives_24_hourly_buckets_ending_at_the_stream_clock_case_folded() throws Exception {
    JsonNode body = JSON.readTree(get("/api/tags/JAVA/history?range=24h").body());

    assertThat(body.get("tag").asText()).isEqualTo("java");
    assertThat(body.get("bucket").asText()).isEqualTo("1h");
    assertThat(body.get("clock").asText()).isEqualTo(CLOCK.toString());
    JsonNode points = body.get("points");
    assertThat(points).hasSize(24);
    assertThat(points.get(23).get("count").asLong()).isEqualTo(3 + 2 + 1); // the hour up to and including the clock's minute
    assertThat(points.get(22).get("count").asLong()).isEqualTo(7);
    assertThat(points.get(0).get("count").asLong()).isZero();
    assertThat(points.get(23).get("start").asText()).isEqualTo(CLOCK.minusSeconds(59 * 60).toString());
  }

  @Test
  void GET_history_up_to_6h_gives_minute_buckets() throws Exception {
    JsonNode body = JSON.readTree(get("/api/tags/java/history?range=2h").body());

    assertThat(body.get("bucket").asText()).isEqualTo("1m");
    assertThat(body.get("points")).hasSize(120);
    assertThat(body.get("points").get(119).get("count").asLong()).isEqualTo(3);
    assertThat(body.get("points").get(60).get("count").asLong()).isEqualTo(1);
  }

  @ParameterizedTest(name = "range={0}")
  @ValueSource(strings = {"8d", "0m", "soon", "-1h"})
  void GET_history_with_a_bad_range_gives_400(String range) throws Exception {
    HttpResponse<String> response = get("/api/tags/java/history?range=" + range);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("range must be a duration from 1m to 7d");
  }

  @Test
  void GET_history_with_a_source_counts_that_networks_posts_alone() throws Exception {
    // Every source's first: a cache keyed by tag and range alone would answer Mastodon's with it.
    assertThat(JSON.readTree(get("/api/tags/Java/history?range=24h").body()).get("points").get(23).get("count").asLong()).isEqualTo(6);

    JsonNode body = JSON.readTree(get("/api/tags/Java/history?range=24h&source=mastodon").body());

    assertThat(body.get("tag").asText()).isEqualTo("java");
    assertThat(body.get("source").asText()).isEqualTo("mastodon");
    assertThat(body.get("clock").asText()).isEqualTo(CLOCK.toString());
    assertThat(body.get("points").get(23).get("count").asLong()).isEqualTo(1);
    assertThat(body.get("points").get(22).get("count").asLong()).isEqualTo(5);
    assertThat(body.get("points").get(0).get("count").asLong()).isZero();
    // A network nobody follows has no buckets: zeros, not an error.
    JsonNode bluesky = JSON.readTree(get("/api/tags/java/history?range=24h&source=bluesky").body());
    assertThat(bluesky.get("points")).hasSize(24).allSatisfy(p -> assertThat(p.get("count").asLong()).isZero());
  }

  @Test
  void GET_history_with_an_unknown_source_or_a_tag_naming_a_networks_key_gives_400() throws Exception {
    HttpResponse<String> badSource = get("/api/tags/java/history?source=%3Cb%3Ebold%3C%2Fb%3E-and-then-some");
    assertThat(badSource.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badSource.body()).get("error").asText())
        .isEqualTo("source must be one of all, x, mastodon, bluesky, got '<b>bold</b>-and-then...'");

    // Not a way around ?source=: no hashtag holds '#' after its first character.
    HttpResponse<String> sourcedKey = get("/api/tags/mastodon%23java/history");
    assertThat(sourcedKey.statusCode()).isEqualTo(400);
    assertThat(get("/api/tags/%23java/history").statusCode()).isEqualTo(200);
  }
}
