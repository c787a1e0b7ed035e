package io.trendtags.web.source;

import io.trendtags.core.top.Ranking;
import io.trendtags.store.ChangedRows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the job's {@link ChangedRows} notices and has the named list read at once, so a new count reaches
 * the dashboards within a read of HBase after the job wrote it, not a poll's period later.
 *
 * <p>Only notices sent from now on matter: it reads the topic's every partition from its end, with no
 * consumer group (nothing to commit, nothing left behind in Kafka). Until the topic exists (the job makes
 * it) it looks again every few seconds; while Kafka is away it retries. Neither is an error for the app:
 * the poll finds every list anyway, later.
 */
public final class ChangedRowsListener implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangedRowsListener.class);
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(3);

  private final KafkaConsumer<String, String> consumer;
  private final String topic;
  private final Consumer<Ranking> changed;
  private final Thread thread;
  private final AtomicLong heard = new AtomicLong();
  private volatile boolean closed;

  private ChangedRowsListener(String bootstrap, String topic, Consumer<Ranking> changed) {
    this.topic = topic;
    this.changed = changed;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, "trendtags-web-changes",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
        // The job makes the topic with its own retention; asking for it must not make one.
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        // The broker answers a fetch as soon as a notice is there; this is only how long an idle fetch waits.
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500,
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000),
        new StringDeserializer(), new StringDeserializer());
    this.thread = new Thread(this::run, "changed-rows");
    this.thread.setDaemon(true);
  }

  /** Listens to {@code topic} on the Kafka at {@code bootstrap}, calling {@code changed} on its own thread. */
  public static ChangedRowsListener start(String bootstrap, String topic, Consumer<Ranking> changed) {
    ChangedRowsListener listener = new ChangedRowsListener(bootstrap, topic, changed);
    listener.thread.start();
    return listener;
  }

  /** Notices heard that named a list. */
  public long heard() {
    return heard.get();
  }

  private void run() {
    boolean failing = false;
    boolean assigned = false;
    while (!closed) {
      try {
        if (!assigned) {
          assigned = assign();
          if (!assigned) {
            pause();
            continue;
          }
          log.info("Hearing the job's change notices on topic {}", topic);
          failing = false;
        }
        for (ConsumerRecord<String, String> notice : consumer.poll(Duration.ofSeconds(1))) {
          ChangedRows.ranking(notice.value()).ifPresent(ranking -> {
            heard.incrementAndGet();
            changed.accept(ranking);
          });
        }
        if (failing) {
          failing = false;
          log.info("Change notices come again");
        }
      } catch (WakeupException | InterruptException e) {
        break;
      } catch (KafkaException e) {
        if (!failing) {
          failing = true;
          log.warn("Cannot hear change notices on topic {} (lists are still read every poll): {}", topic, e.toString());
        }
        pause();
      }
    }
    Thread.interrupted(); // close() may have interrupted a pause: the consumer's close must not see it
    consumer.close(Duration.ofSeconds(1));
  }

  /** Takes every partition of the topic from its end; false while the topic does not exist. */
  private boolean assign() {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic);
    if (partitions == null || partitions.isEmpty()) {
      return false;
    }
    List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(all);
    consumer.seekToEnd(all);
    return true;
  }

  private void pause() {
    try {
      Thread.sleep(LOOK_AGAIN.toMillis());
    } catch (InterruptedException e) {
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    thread.interrupt();
    try {
      thread.join(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
