package io.trendtags.client.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trendtags.client.feed.RateLimit;
import io.trendtags.client.feed.ApiException;
import io.trendtags.observe.Health;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;

/**
 * What the client tells its operators: tweets Kafka took ({@code trendtags.client.tweets.sent}), sends it
 * refused ({@code trendtags.client.send.errors}), the X API's rate-limit budget left and the time of the last
 * successful fetch (X timeline only), Kafka's own producer metrics; and its health: Kafka taking tweets, X
 * answering. Thread-safe: the producer's callbacks count from its I/O thread.
 */
public final class ClientMetrics {

  private final MeterRegistry registry;
  private final Counter sent;
  private final Counter sendErrors;
  private final AtomicLong rateLimitRemaining = new AtomicLong(-1);
  private final AtomicLong lastFetch = new AtomicLong();
  private volatile String kafkaFailure;
  private volatile String apiFailure;

  public ClientMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sent = Counter.builder("trendtags.client.tweets.sent").description("Tweets Kafka acknowledged").register(registry);
    this.sendErrors = Counter.builder("trendtags.client.send.errors").description("Tweets Kafka refused").register(registry);
    Gauge.builder("trendtags.client.api.rate.limit.remaining", rateLimitRemaining, AtomicLong::get)
        .description("Requests left in the rate-limit window of the network's API the client follows (-1: not known yet)").register(registry);
    Gauge.builder("trendtags.client.api.last.fetch", lastFetch, AtomicLong::get)
        .description("When the network's API last answered a timeline request, in seconds since the epoch (0: never)")
        .baseUnit("seconds").register(registry);
  }

  /** Metrics nobody serves: for a sink or an API client made without a stage around it. */
  public static ClientMetrics unserved() {
    return new ClientMetrics(new SimpleMeterRegistry());
  }

  /** Kafka's own metrics of {@code producer} (record rates, request latency, buffer) as well. */
  public void watch(Producer<?, ?> producer) {
    new KafkaClientMetrics(producer).bindTo(registry);
  }

  public void sent() {
    sent.increment();
    kafkaFailure = null;
  }

  public void sendFailed(Exception e) {
    sendErrors.increment();
    kafkaFailure = e.getMessage();
  }

  /** A timeline request the network answered, with its rate-limit headers. */
  public void apiAnswered(RateLimit rateLimit, Instant at) {
    if (rateLimit.remaining() >= 0) {
      rateLimitRemaining.set(rateLimit.remaining());
    }
    lastFetch.set(at.getEpochSecond());
    apiFailure = null;
  }

  public void apiFailed(ApiException e) {
    if (e.kind() == ApiException.Kind.RATE_LIMITED) {
      rateLimitRemaining.set(0);
    }
    apiFailure = e.getMessage();
  }

  /**
   * Down while Kafka refuses tweets; with a {@code network} (a client following a home timeline, not a
   * replay: {@code x}, {@code mastodon}, {@code bluesky}), degraded while its requests fail (the client
   * retries them).
   */
  public Health health(String network) {
    Health health = new Health().add("kafka", () -> kafkaFailure == null ? Health.Check.up()
        : Health.Check.down("Kafka refused a tweet: " + kafkaFailure));
    if (network == null) {
      return health;
    }
    return health.add(network, () -> apiFailure == null ? Health.Check.up()
        : Health.Check.degraded("the last " + network + " API request failed (" + apiFailure + "); retrying"));
  }
}
