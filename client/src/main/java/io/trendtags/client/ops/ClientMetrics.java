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
  private volatile String xFailure;

  public ClientMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.sent = Counter.builder("trendtags.client.tweets.sent").description("Tweets Kafka acknowledged").register(registry);
    this.sendErrors = Counter.builder("trendtags.client.send.errors").description("Tweets Kafka refused").register(registry);
    Gauge.builder("trendtags.client.x.rate.limit.remaining", rateLimitRemaining, AtomicLong::get)
        .description("Requests left in the X API's rate-limit window (-1: not known yet)").register(registry);
    Gauge.builder("trendtags.client.x.last.fetch", lastFetch, AtomicLong::get)
        .description("When the X API last answered a timeline request, in seconds since the epoch (0: never)")
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

  /** A timeline request X answered, with its rate-limit headers. */
  public void xAnswered(RateLimit rateLimit, Instant at) {
    if (rateLimit.remaining() >= 0) {
      rateLimitRemaining.set(rateLimit.remaining());
    }
    lastFetch.set(at.getEpochSecond());
    xFailure = null;
  }

  public void xFailed(ApiException e) {
    if (e.kind() == ApiException.Kind.RATE_LIMITED) {
      rateLimitRemaining.set(0);
    }
    xFailure = e.getMessage();
  }

  /**
   * Down while Kafka refuses tweets; with {@code followsX} (a client reading the X timeline, not a replay),
   * degraded while X's requests fail (the client retries them).
   */
  public Health health(boolean followsX) {
    Health health = new Health().add("kafka", () -> kafkaFailure == null ? Health.Check.up()
        : Health.Check.down("Kafka refused a tweet: " + kafkaFailure));
    if (!followsX) {
      return health;
    }
    return health.add("x", () -> xFailure == null ? Health.Check.up()
        : Health.Check.degraded("the last X API request failed (" + xFailure + "); retrying"));
  }
}
