package io.trendtags.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The long-run backlog: {@code count} tweets spread evenly over {@code span} of event time, with tags
 * drawn half from a Zipf-like head (rank r with weight 1/r) and half uniformly from all {@code tags}, so
 * nearly every one of them appears, by {@code authors} accounts. Each record carries its
 * {@code created_at} as its Kafka timestamp, as a live feed would have: the job sees days of event
 * time and of Kafka time go by, and its horizons evict state as they would in months of running.
 */
final class LongRunBacklog {

  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

  private final long count;
  private final int tags;
  private final int authors;
  private final Duration span;

  LongRunBacklog(long count, int tags, int authors, Duration span) {
    this.count = count;
    this.tags = tags;
    this.authors = authors;
    this.span = span;
  }

  long count() {
    return count;
  }

  /** The event time of tweet {@code i}. */
  long millisOf(long i) {
    return START.toEpochMilli() + (long) (i * (span.toMillis() / (double) count));
  }

  /** Writes the backlog to {@code topic} (which must use CreateTime timestamps); returns the count. */
  long write(String bootstrap, String topic) {
    SplittableRandom random = new SplittableRandom(20261201L);
    AtomicReference<Exception> failure = new AtomicReference<>();
    double lnTags = Math.log(tags);
    try (KafkaProducer<byte[], byte[]> producer = Backlog.producer(bootstrap)) {
      StringBuilder json = new StringBuilder(200);
      for (long i = 0; i < count; i++) {
        long millis = millisOf(i);
        String id = Long.toString(1_000_000_000_000_000_000L + i);
        json.setLength(0);
        json.append("{\"id\":\"").append(id).append("\",\"created_at\":\"").append(Instant.ofEpochMilli(millis))
            .append("\",\"author_id\":\"").append(random.nextInt(authors)).append("\",\"text\":\"long run #")
            .append(tag(random, lnTags));
        if (random.nextInt(3) == 0) {
          json.append(" #").append(tag(random, lnTags));
        }
        json.append("\"}");
        producer.send(new ProducerRecord<>(topic, null, millis, id.getBytes(StandardCharsets.US_ASCII),
            json.toString().getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
              if (e != null && failure.get() == null) {
                failure.set(e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka refused the backlog: " + failure.get().getMessage(), failure.get());
    }
    return count;
  }

  private String tag(SplittableRandom random, double lnTags) {
    int rank = random.nextBoolean()
        ? (int) Math.min(tags - 1, Math.floor(Math.exp(random.nextDouble() * lnTags)) - 1)
        : random.nextInt(tags);
    return "t" + Integer.toString(rank, 36);
  }
}
