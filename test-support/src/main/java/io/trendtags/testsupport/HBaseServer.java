package io.trendtags.testsupport;

import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HBase standalone ({@code ./trendtags hbase}: master, region server and ZooKeeper in one JVM) on free
 * ports in a temporary directory, UI off, started once per test run and shared by every test class that
 * registers it, stopped when the run ends. Start-up takes 15-20 s on two cores.
 *
 * <pre>{@code
 * @RegisterExtension static final HBaseServer HBASE = new HBaseServer();
 * ... conf.set("hbase.zookeeper.quorum", HBASE.zkQuorum()) ...
 * }</pre>
 */
public final class HBaseServer implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HBaseServer.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** {@code 127.0.0.1:<port>}: the ZooKeeper quorum and client port clients need. */
  public String zkQuorum() {
    return started().zkQuorum;
  }

  /** The ZooKeeper host alone ({@code hbase.zookeeper.quorum} without a port). */
  public String zkHost() {
    return zkQuorum().substring(0, zkQuorum().lastIndexOf(':'));
  }

  /** The ZooKeeper client port ({@code hbase.zookeeper.property.clientPort}). */
  public int zkPort() {
    return Integer.parseInt(zkQuorum().substring(zkQuorum().lastIndexOf(':') + 1));
  }

  /** The server's process, e.g. to read its log. */
  public StageProcess process() {
    return started().process;
  }

  private Running started() {
    return Objects.requireNonNull(running,
        "HBase starts in beforeAll: register HBaseServer with @RegisterExtension on a static field");
  }

  /** The one HBase of the test run; JUnit closes it when the root store closes, at the end of the run. */
  private static final class Running implements AutoCloseable {
    private final StageProcess process;
    private final Path dataDir;
    private final String zkQuorum;

    private Running(StageProcess process, Path dataDir, String zkQuorum) {
      this.process = process;
      this.dataDir = dataDir;
      this.zkQuorum = zkQuorum;
    }

    static Running start() {
      Path dir = Stages.newDataDir("hbase");
      StageProcess process = Stages.builder("hbase")
          .args("--data-dir", dir.resolve("data").toString(), "--zk-port", String.valueOf(FreePorts.next()),
              "--ui-port", "-1", "--random-ports")
          .workingDir(dir)
          .start();
      try {
        Map<String, String> ready = process.awaitReady(START_TIMEOUT);
        return new Running(process, dir, ready.get("zk"));
      } catch (InterruptedException | RuntimeException e) {
        process.kill();
        Stages.deleteQuietly(dir);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the test HBase did not start: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      process.stop(Duration.ofSeconds(40));
      Stages.deleteQuietly(dataDir);
    }
  }
}
