package io.trendtags.client.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trendtags.client.x.FakeXApi;
import io.trendtags.client.x.OAuth1Signer;
import io.trendtags.client.x.XApi;
import io.trendtags.client.feed.ApiException;
import io.trendtags.observe.Health;
import io.trendtags.observe.StageMetrics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's X metrics and health, from a real HTTP exchange with a local server that follows X's contract. */
class ClientMetricsTest {

  private static final String TIMELINE = "/2/users/" + FakeXApi.USER_ID + "/timelines/reverse_chronological";

  private static double value(PrometheusMeterRegistry registry, String series) {
    return registry.scrape().lines().filter(l -> l.startsWith(series))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
  }

  @Test
  void aRateLimitedRequestDegradesTheHealthAndEmptiesTheBudgetUntilXAnswersAgain() throws Exception {
    PrometheusMeterRegistry registry = StageMetrics.registry("client");
    ClientMetrics metrics = new ClientMetrics(registry);
    Health health = metrics.health("x");
    assertThat(health.report().status()).isEqualTo(Health.Status.UP);
    assertThat(value(registry, "trendtags_client_api_rate_limit_remaining{")).isEqualTo(-1);
    assertThat(value(registry, "trendtags_client_api_last_fetch_seconds{")).isZero();

    try (FakeXApi x = new FakeXApi(10)) {
      XApi api = new XApi(x.baseUrl(), new OAuth1Signer(FakeXApi.CREDENTIALS), Duration.ofSeconds(2), metrics);
      x.rateLimitResetSeconds(1);
      x.fail(FakeXApi.Fault.RATE_LIMITED_CODE_88);
      assertThatThrownBy(() -> api.get(TIMELINE, Map.of("max_results", "10"))).isInstanceOf(ApiException.class);

      Health.Report limited = health.report();
      assertThat(limited.status()).isEqualTo(Health.Status.DEGRADED);
      assertThat(limited.down()).containsExactly("x");
      assertThat(limited.checks().get("x").reason()).contains("429");
      assertThat(value(registry, "trendtags_client_api_rate_limit_remaining{")).isZero();

      Thread.sleep(1_100); // the fake's window resets
      long before = System.currentTimeMillis() / 1000;
      api.get(TIMELINE, Map.of("max_results", "10"));
      assertThat(health.report().status()).isEqualTo(Health.Status.UP);
      assertThat(value(registry, "trendtags_client_api_last_fetch_seconds{")).isGreaterThanOrEqualTo(before);
    }
  }

  @Test
  void aReplayIsHealthyByKafkaAloneForItAsksNothingOfX() {
    ClientMetrics metrics = new ClientMetrics(StageMetrics.registry("client"));
    assertThat(metrics.health(null).report().checks()).containsOnlyKeys("kafka");
    metrics.sendFailed(new IllegalStateException("broker gone"));
    assertThat(metrics.health(null).report().status()).isEqualTo(Health.Status.DOWN);
    assertThat(metrics.health("x").report().checks()).containsOnlyKeys("kafka", "x");
  }
}
