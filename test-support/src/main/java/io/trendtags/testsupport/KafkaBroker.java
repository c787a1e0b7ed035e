package io.trendtags.testsupport;

import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker ({@code ./trendtags kafka}) on free ports in a temporary directory, started once per
 * test run and shared by every test class that registers it, stopped when the run ends.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
 *
 * @Test void shouldReadWhatWasWritten() {
 *   KAFKA.createTopic("tweets", 3);
 *   ... KAFKA.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class KafkaBroker implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBroker.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return started().bootstrapServers;
  }

  /** The broker's process, e.g. to read its log. */
  public StageProcess process() {
    return started().process;
  }

  /**
   * Creates a topic (replication factor 1) and returns once its leaders are known, so a producer can write
   * to it at once. The broker never creates topics on its own.
   */
  public void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
      Awaitility.await("leaders of topic " + name).atMost(Duration.ofSeconds(30)).until(() ->
          admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().stream()
              .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name + " on " + bootstrapServers() + ": " + e, e);
    }
  }

  private Running started() {
    return Objects.requireNonNull(running,
        "the broker starts in beforeAll: register KafkaBroker with @RegisterExtension on a static field");
  }

  /** The one broker of the test run; JUnit closes it when the root store closes, at the end of the run. */
  private static final class Running implements AutoCloseable {
    private final StageProcess process;
    private final Path dataDir;
    private final String bootstrapServers;

    private Running(StageProcess process, Path dataDir, String bootstrapServers) {
      this.process = process;
      this.dataDir = dataDir;
      this.bootstrapServers = bootstrapServers;
    }

    static Running start() {
      Path dir = Stages.newDataDir("kafka");
      List<Integer> ports = FreePorts.take(2);
      StageProcess process = Stages.builder("kafka")
          .args("--port", ports.get(0).toString(), "--controller-port", ports.get(1).toString(),
              "--data-dir", dir.resolve("data").toString())
          .workingDir(dir)
          .start();
      try {
        Map<String, String> ready = process.awaitReady(START_TIMEOUT);
        return new Running(process, dir, ready.get("bootstrap"));
      } catch (InterruptedException | RuntimeException e) {
        process.kill();
        Stages.deleteQuietly(dir);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the test Kafka broker did not start: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      process.stop(Duration.ofSeconds(30));
      Stages.deleteQuietly(dataDir);
    }
  }
}
