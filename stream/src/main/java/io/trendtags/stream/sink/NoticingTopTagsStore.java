package io.trendtags.stream.sink;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TopTags;
import io.trendtags.store.ChangedRows;
import io.trendtags.store.MinuteBucket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TopTagsStore} that, once a list's Put has returned, sends the row's {@link ChangedRows notice}
 * to Kafka, so the web app reads the new list at once rather than at its next poll.
 *
 * <p>A notice is a hint, never part of exactly-once: it is sent after the write (a reader that hears it
 * finds the new row), at most once and without waiting for an answer, and a notice that cannot be sent
 * is counted and dropped, never a reason to fail or slow the batch. The web app's poll covers what is
 * lost. Sending blocks only while the producer has no metadata for the topic, at most {@link #MAX_BLOCK_MS}.
 */
public final class NoticingTopTagsStore implements TopTagsStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NoticingTopTagsStore.class);
  static final int MAX_BLOCK_MS = 200;

  private final TopTagsStore store;
  private final Producer<String, String> producer;
  private final String topic;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  /** Whether the last notice failed: a Kafka outage is logged once, not once per notice. */
  private final AtomicBoolean failing = new AtomicBoolean();

  NoticingTopTagsStore(TopTagsStore store, Producer<String, String> producer, String topic) {
    this.store = store;
    this.producer = producer;
    this.topic = topic;
  }

  /** Sends notices to {@code topic} on the Kafka at {@code bootstrap}. */
  public static NoticingTopTagsStore to(TopTagsStore store, String bootstrap, String topic) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.CLIENT_ID_CONFIG, "trendtags-stream-notices",
        // A hint: one broker's ack, no retries that could reorder it behind a newer one, sent at once.
        ProducerConfig.ACKS_CONFIG, "1",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
        ProducerConfig.RETRIES_CONFIG, 0,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
        ProducerConfig.BUFFER_MEMORY_CONFIG, 1L << 20);
    return new NoticingTopTagsStore(store, new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()), topic);
  }

  @Override
  public void write(Ranking ranking, TopTags top, String queryId) {
    store.write(ranking, top, queryId);
    try {
      producer.send(new ProducerRecord<>(topic, ChangedRows.notice(ranking)), (metadata, error) -> {
        if (error == null) {
          sent.incrementAndGet();
          if (failing.compareAndSet(true, false)) {
            LOG.info("Change notices reach topic {} again", topic);
          }
        } else {
          failedToSend(error);
        }
      });
    } catch (RuntimeException e) {
      failedToSend(e);
    }
  }

  private void failedToSend(Exception error) {
    failed.incrementAndGet();
    if (failing.compareAndSet(false, true)) {
      LOG.warn("Cannot send change notices to topic {} (the web app's poll still finds every list): {}", topic, error.toString());
    }
  }

  /** Notices Kafka took. */
  public long sent() {
    return sent.get();
  }

  /** Notices dropped because Kafka did not take them. */
  public long failed() {
    return failed.get();
  }

  @Override
  public Optional<TopTags> readWrittenBy(Ranking ranking, String queryId) {
    return store.readWrittenBy(ranking, queryId);
  }

  @Override
  public void writeBuckets(List<MinuteBucket> buckets) {
    store.writeBuckets(buckets);
  }

  @Override
  public List<MinuteBucket> bucketsSince(long fromMinute) {
    return store.bucketsSince(fromMinute);
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(2));
  }
}
