package io.trendtags.embedded.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker in this JVM: {@link #start()} formats storage if needed and starts it,
 * {@link #awaitClientConnection(Duration)} blocks until an admin client sees the broker, {@link #stop()}
 * shuts it down.
 */
final class EmbeddedBroker {

  private final BrokerSettings settings;
  private KafkaRaftServer server;

  EmbeddedBroker(BrokerSettings settings) {
    this.settings = settings;
  }

  void start() throws Exception {
    LogDirFormatter.formatIfNeeded(settings);
    server = new KafkaRaftServer(KafkaConfig.fromProps(settings.toProperties()), Time.SYSTEM);
    server.startup();
  }

  /** Waits until a client on the bootstrap address sees this broker in the cluster metadata. */
  void awaitClientConnection(Duration timeout) throws InterruptedException, TimeoutException {
    Instant deadline = Instant.now().plus(timeout);
    Map<String, Object> config = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin admin = Admin.create(config)) {
      while (Instant.now().isBefore(deadline)) {
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException notYet) {
          // The broker registers with its controller a moment after startup() returns: ask again.
        }
        Thread.sleep(100);
      }
    }
    throw new TimeoutException("the broker did not answer on " + settings.bootstrapServers() + " within " + timeout);
  }

  /** Stops the broker and waits until its threads are done. Safe to call when it never started. */
  void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
    }
  }
}
