package io.trendtags.embedded.kafka;

import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.EffectiveConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./trendtags kafka}: a single-node Kafka broker (KRaft, broker and controller in one process) on
 * 127.0.0.1, for the demo and the tests. Prints {@code TRENDTAGS READY kafka bootstrap=127.0.0.1:<port>} once
 * a client can connect, and stops cleanly on SIGTERM.
 */
@Command(name = "kafka",
    description = "An embedded single-node Kafka broker (KRaft) on 127.0.0.1, for the demo and the tests.")
public final class KafkaServerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaServerCommand.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--port", defaultValue = "9092", description = "Port clients connect to (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--controller-port", defaultValue = "9093",
      description = "Port of the KRaft controller (default: ${DEFAULT-VALUE}).")
  int controllerPort;

  @Option(names = "--data-dir", defaultValue = "data/kafka",
      description = "Where topics and metadata are kept across restarts (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of option defaults (default: $TRENDTAGS_CONFIG or ./trendtags.properties).")
  Path config;

  /** Runs the broker until SIGTERM. */
  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new KafkaServerCommand(), args));
  }


  @Override
  public Integer call() throws Exception {
    LOG.info(EffectiveConfig.describe(spec));
    for (int p : new int[] {port, controllerPort}) {
      if (!isFree(p)) {
        System.err.println("trendtags kafka: port " + p + " on 127.0.0.1 is in use (another broker running?);"
            + " stop it or choose --port / --controller-port.");
        return 1;
      }
    }
    BrokerSettings settings = new BrokerSettings(port, controllerPort, dataDir.toAbsolutePath());
    EmbeddedBroker broker = new EmbeddedBroker(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping the Kafka broker");
      broker.stop();
      stopped.countDown();
    }, "kafka-shutdown"));
    try {
      broker.start();
      broker.awaitClientConnection(READY_TIMEOUT);
    } catch (Exception e) {
      System.err.println("trendtags kafka: the broker did not start: " + e.getMessage()
          + " (data in " + settings.dataDir() + ")");
      return 1;
    }
    System.out.println("TRENDTAGS READY kafka bootstrap=" + settings.bootstrapServers());
    System.out.flush();
    stopped.await();
    return 0;
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException inUse) {
      return false;
    }
  }
}
