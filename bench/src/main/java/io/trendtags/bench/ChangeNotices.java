package io.trendtags.bench;

import io.trendtags.core.top.Ranking;
import io.trendtags.store.ChangedRows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The job's {@link ChangedRows change notices} for one list, heard by a consumer of the bench's own: when the
 * job sent each one (the record's timestamp, which the job's producer stamps once the list's Put has
 * returned). The latency bench splits each probe's time there: before it, the job's part (the probe read,
 * its batch, the list written to HBase); after it, the web app's (the notice heard, the list read, the push).
 *
 * <p>It reads every partition from its end, with no consumer group. It keeps the times only until a probe
 * takes them, so it holds no more than the notices of one probe's wait.
 */
final class ChangeNotices implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(50);
  /** Past the moment asked about, so that no fetch sent before it (each waits at most 20 ms) is the one answered. */
  private static final long SETTLE_MS = 100;

  private final KafkaConsumer<String, String> consumer;
  private final String notice;
  private final Thread thread;
  private final List<Long> sentAt = new ArrayList<>(); // guarded by this
  private long polledFrom; // the wall time a finished poll began at; guarded by this
  private RuntimeException failure; // guarded by this
  private volatile boolean closed;

  private ChangeNotices(KafkaConsumer<String, String> consumer, Ranking ranking) {
    this.consumer = consumer;
    this.notice = ChangedRows.notice(ranking);
    this.thread = new Thread(this::run, "change-notices");
    this.thread.setDaemon(true);
  }

  /**
   * Hears the notices for {@code ranking} on {@code topic}, from now on. Throws if the topic does not exist:
   * the job makes it when it starts, so the job is not running against this Kafka.
   */
  static ChangeNotices start(String bootstrap, String topic, Ranking ranking) {
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, "trendtags-bench-notices",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        // An idle fetch comes back soon, so that a poll begun after a moment has surely asked since then.
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
        new StringDeserializer(), new StringDeserializer());
    try {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic);
      if (partitions == null || partitions.isEmpty()) {
        throw new IllegalStateException("no topic " + topic + " on " + bootstrap
            + ": the job makes it when it starts; is the demo running there?");
      }
      List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(all);
      consumer.seekToEnd(all);
      all.forEach(consumer::position); // the end as of now, not as of the first poll
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
    ChangeNotices notices = new ChangeNotices(consumer, ranking);
    notices.thread.start();
    return notices;
  }

  private void run() {
    try {
      while (!closed) {
        long from = System.currentTimeMillis();
        List<Long> heard = new ArrayList<>();
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          if (notice.equals(record.value())) {
            heard.add(record.timestamp());
          }
        }
        synchronized (this) {
          sentAt.addAll(heard);
          polledFrom = from;
          notifyAll();
        }
      }
    } catch (WakeupException | InterruptException e) {
      // closed
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
        notifyAll();
      }
    } finally {
      Thread.interrupted();
      consumer.close(Duration.ofSeconds(1));
    }
  }

  /**
   * The times of the notices sent up to {@code until} (wall-clock millis), once a poll begun a little after it
   * has finished, or after {@code timeout}; they are forgotten here. Throws what stopped the consumer.
   */
  synchronized List<Long> takeUntil(long until, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (polledFrom <= until + SETTLE_MS && failure == null && System.nanoTime() < deadline) {
      TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
    }
    if (failure != null) {
      throw new IllegalStateException("cannot hear the job's change notices: " + failure.getMessage(), failure);
    }
    List<Long> taken = new ArrayList<>();
    sentAt.removeIf(at -> at <= until && taken.add(at));
    return taken;
  }

  /**
   * The notice that let a count seen at {@code seen} be shown, for a post sent at {@code sent}: the last one
   * between the two. Empty if there is none: the web app's poll found the list first.
   */
  static OptionalLong last(long sent, long seen, List<Long> notices) {
    return notices.stream().mapToLong(Long::longValue).filter(at -> at >= sent && at <= seen).max();
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
