package io.trendtags.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a Kafka topic when it is missing: our broker never creates topics on its own, and the client, the job
 * and the bench may each be the first to need one (whichever comes first creates it, the others find it).
 * <pre>{@code
 * Topics.ensure("127.0.0.1:9092", "tweets", Topics.TWEETS_PARTITIONS, null, Topics.BROKER_TIMES);
 * }</pre>
 */
public final class Topics {

  /** Partitions of the topic of posts when the job creates it; the client's {@code --partitions} default. */
  public static final int TWEETS_PARTITIONS = 2;

  /**
   * The configs of the topic of posts: the broker stamps each record, and the stream's dedup horizon runs on
   * these times, which no client can skew.
   */
  public static final Map<String, String> BROKER_TIMES = Map.of("message.timestamp.type", "LogAppendTime");

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Topics() {}

  /**
   * Creates {@code topic} with {@code partitions} partitions and {@code configs} unless it exists.
   *
   * @param replication the replication factor, or null for the cluster's {@code default.replication.factor}
   * @return true if this call created it
   * @throws TopicException if no broker answers within 30 s, or Kafka refuses, with a message saying what to check
   */
  public static boolean ensure(String bootstrap, String topic, int partitions, Short replication,
      Map<String, String> configs) {
    return ensure(bootstrap, topic, partitions, replication, configs, TIMEOUT);
  }

  static boolean ensure(String bootstrap, String topic, int partitions, Short replication,
      Map<String, String> configs, Duration timeout) {
    int millis = (int) timeout.toMillis();
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis))) {
      // The futures' own bound is a little longer than the client's, so the client's clearer error wins.
      long wait = millis + 5_000L;
      if (admin.listTopics().names().get(wait, TimeUnit.MILLISECONDS).contains(topic)) {
        return false;
      }
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.ofNullable(replication))
          .configs(configs))).all().get(wait, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false; // another stage created it between our list and create
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(bootstrap, timeout, e.getCause());
      }
      throw new TopicException("Kafka at " + bootstrap + " refused topic '" + topic + "': "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(bootstrap, timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicException("interrupted while creating topic '" + topic + "'", e);
    }
  }

  private static TopicException unreachable(String bootstrap, Duration timeout, Throwable cause) {
    return new TopicException("no Kafka broker answered at " + bootstrap + " within " + timeout.toSeconds()
        + " s: is it running (./trendtags kafka), and is --kafka right?", cause);
  }
}
