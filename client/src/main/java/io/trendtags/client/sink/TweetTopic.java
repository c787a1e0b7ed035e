package io.trendtags.client.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The topic the client writes to, created if missing: our broker never creates topics on its own. */
public final class TweetTopic {

  private static final long TIMEOUT_SECONDS = 30;

  private TweetTopic() {}

  /**
   * Creates {@code topic} with {@code partitions} partitions unless it exists, replicated as the cluster's
   * {@code default.replication.factor} says unless {@code replication} is given.
   *
   * @param replication the replication factor, or null for the cluster's default
   * @return true if this call created it
   * @throws SinkException if Kafka cannot be reached or refuses, with a message saying what to check
   */
  public static boolean ensureExists(String bootstrapServers, String topic, int partitions, Short replication) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))) {
      Set<String> topics = admin.listTopics().names().get(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
      if (topics.contains(topic)) {
        return false;
      }
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.ofNullable(replication))
          // The broker stamps each record: the stream's dedup horizon runs on these times, which no client can skew.
          .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all()
          .get(TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false; // another client created it between our list and create
      }
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(bootstrapServers, e.getCause());
      }
      throw new SinkException("Kafka at " + bootstrapServers + " refused topic " + topic + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(bootstrapServers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException("interrupted while creating topic " + topic, e);
    }
  }

  private static SinkException unreachable(String bootstrapServers, Throwable cause) {
    return new SinkException("no Kafka broker answered at " + bootstrapServers + " within " + TIMEOUT_SECONDS
        + " s: is it running (./trendtags kafka), and is --kafka right?", cause);
  }
}
