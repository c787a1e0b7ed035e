package io.trendtags.stream;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topic of tweets if it is missing, so the job can start before the client has written
 * anything (the client creates it the same way; whichever comes first wins).
 */
public final class TopicCreator {

  static final int DEFAULT_PARTITIONS = 2;

  private TopicCreator() {}

  /**
   * Creates {@code topic} unless it exists, with the broker's default replication factor unless
   * {@code replication} is given; the broker stamps its records.
   */
  static void ensure(String bootstrap, String topic, Short replication) {
    ensure(bootstrap, topic, DEFAULT_PARTITIONS, replication, Map.of("message.timestamp.type", "LogAppendTime"));
  }

  /** Creates {@code topic} with {@code partitions} partitions unless it exists; the broker stamps its records. */
  public static void ensure(String bootstrap, String topic, int partitions) {
    ensure(bootstrap, topic, partitions, null, Map.of("message.timestamp.type", "LogAppendTime"));
  }

  /**
   * As {@link #ensure(String, String, int)}, with a replication factor (null: the cluster's
   * {@code default.replication.factor}) and topic {@code configs} of its own: the long-run benchmark's
   * producer sets each record's time to days ago, which needs {@code CreateTime} and no time-based retention.
   */
  public static void ensure(String bootstrap, String topic, int partitions, Short replication, Map<String, String> configs) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
      if (admin.listTopics().names().get().contains(topic)) {
        return;
      }
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.ofNullable(replication))
          // The broker stamps each record: the stream's dedup horizon runs on these times, which no client can skew.
          .configs(configs))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic '" + topic + "' on Kafka at " + bootstrap
            + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    }
  }
}
