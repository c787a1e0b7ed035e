package io.trendtags.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheStagesMetricsInPrometheusFormatWithTheJvmsOwn() throws Exception {
    PrometheusMeterRegistry registry = StageMetrics.registry("client");
    Counter sent = registry.counter("trendtags.client.tweets.sent");
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0, registry, new Health())) {
      sent.increment(3);
      HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(ops.metricsUrl())));

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(metrics.body()).contains("trendtags_client_tweets_sent_total{stage=\"client\"} 3.0")
          .contains("jvm_memory_used_bytes{").contains("process_files_open_files{");
    }
  }

  @Test
  void healthIsTheWorstOfItsChecksWithTheReasons() throws Exception {
    AtomicReference<Health.Check> hbase = new AtomicReference<>(Health.Check.up());
    Health health = new Health().add("kafka", Health.Check::up).add("hbase", hbase::get);
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0, StageMetrics.registry("stream"), health)) {
      URI uri = URI.create("http://127.0.0.1:" + ops.port() + "/health");
      HttpResponse<String> up = send(HttpRequest.newBuilder(uri));
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("up");

      hbase.set(Health.Check.degraded("HBase unreachable for 40 s; retrying"));
      HttpResponse<String> degraded = send(HttpRequest.newBuilder(uri));
      JsonNode body = JSON.readTree(degraded.body());
      assertThat(degraded.statusCode()).isEqualTo(503);
      assertThat(body.get("status").asText()).isEqualTo("degraded");
      assertThat(body.get("down").toString()).isEqualTo("[\"hbase\"]");
      assertThat(body.at("/checks/hbase/reason").asText()).contains("unreachable");
      assertThat(body.at("/checks/kafka/status").asText()).isEqualTo("up");

      health.add("broken", () -> {
        throw new IllegalStateException("no state yet");
      });
      assertThat(JSON.readTree(send(HttpRequest.newBuilder(uri)).body()).get("status").asText()).isEqualTo("down");
    }
  }

  @Test
  void answersOnlyGetOfItsTwoPaths() throws Exception {
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0, StageMetrics.registry("web"), new Health())) {
      String base = "http://127.0.0.1:" + ops.port();
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics")).POST(HttpRequest.BodyPublishers.noBody()))
          .statusCode()).isEqualTo(405);
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/metrics/more"))).statusCode()).isEqualTo(404);
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/"))).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aTakenPortIsAClearError() throws Exception {
    try (OpsServer first = OpsServer.start("127.0.0.1", 0, StageMetrics.registry("web"), new Health())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> OpsServer.start("127.0.0.1", first.port(), StageMetrics.registry("web"), new Health()))
          .hasMessageContaining("cannot serve metrics on 127.0.0.1:" + first.port()).hasMessageContaining("--metrics-port");
    }
  }
}
