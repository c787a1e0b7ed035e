package io.trendtags.web.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;

/** The web app's metrics, as a real server on port 0 counts them and Prometheus would scrape them. */
class WebOpsTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryTopTagsSource source = new InMemoryTopTagsSource();
  private WebApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private int get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void countsRequestsByRoutePatternAndStatusAndTimesTheHBaseReads() throws Exception {
    source.set(new TopTags(Instant.now().minusSeconds(30), List.of(new TagCount("Java", 3)), 0));
    app = new WebApp(source, Duration.ofMillis(50)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> app.registry().scrape().contains("trendtags_web_snapshot_age_seconds{stage=\"web\",view=\"all\"} 3"));

    assertThat(get("/api/top")).isEqualTo(200);
    assertThat(get("/api/top?n=5")).isEqualTo(200);
    assertThat(get("/api/top?view=nope")).isEqualTo(400);
    assertThat(get("/api/tags/spam1/history")).isEqualTo(200);
    assertThat(get("/api/tags/spam2/history")).isEqualTo(200);
    assertThat(get("/no/such/page")).isEqualTo(404);

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(app.registry().scrape())
        .contains("trendtags_web_requests_total{route=\"/api/top\",stage=\"web\",status=\"200\"} 2.0")
        .contains("trendtags_web_requests_total{route=\"/api/top\",stage=\"web\",status=\"400\"} 1.0")
        // One series for every tag's history: the pattern, never the path a client sent.
        .contains("trendtags_web_requests_total{route=\"/api/tags/{tag}/history\",stage=\"web\",status=\"200\"} 2.0")
        .contains("trendtags_web_requests_total{route=\"unmatched\",stage=\"web\",status=\"404\"} 1.0")
        .contains("trendtags_web_sse_streams{stage=\"web\"} 0.0")
        .doesNotContain("spam1"));
    String scrape = app.registry().scrape();
    long reads = scrape.lines().filter(l -> l.startsWith("trendtags_web_hbase_read_seconds_count"))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    assertThat(reads).as("HBase reads timed").isPositive();
  }
}
