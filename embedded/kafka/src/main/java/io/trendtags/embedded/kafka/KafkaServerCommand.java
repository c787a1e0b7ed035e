package io.trendtags.embedded.kafka;

import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.EffectiveConfig;
import io.trendtags.core.net.LoopbackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./trendtags kafka}: a Kafka node (KRaft, broker and controller in one process) on 127.0.0.1: alone for
 * the demo and the tests, or one of a cluster's nodes with {@code --node-id} and {@code --controllers}. Prints
 * {@code TRENDTAGS READY kafka bootstrap=127.0.0.1:<port>} once a client can connect, and stops cleanly on
 * SIGTERM.
 */
@Command(name = "kafka", sortOptions = false,
    description = {"An embedded Kafka broker (KRaft) on 127.0.0.1: a single node, or with --node-id and --controllers",
        "one node of a cluster on this machine. A cluster of three gives topics three replicas and min.insync.replicas=2.",
        "Example, three terminals (or three background jobs), N = 1, 2, 3:",
        "  ./trendtags kafka --node-id N --port N9092 --controllers 1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093",
        "A node is ready once a majority of the controllers runs."})
public final class KafkaServerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaServerCommand.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  // A cluster's nodes may be started by hand one after the other: give the others time to come.
  private static final Duration CLUSTER_READY_TIMEOUT = Duration.ofMinutes(5);

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--port", defaultValue = "9092", description = "Port clients connect to (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--node-id", defaultValue = "1", paramLabel = "N",
      description = "This node's id in the cluster (default: ${DEFAULT-VALUE}).")
  int nodeId;

  @Option(names = "--controllers", paramLabel = "ID@HOST:PORT,...",
      description = "The cluster's controller quorum, this node among them (default: this node alone).")
  String controllers;

  @Option(names = "--controller-port", paramLabel = "PORT",
      description = "Port of this node's KRaft controller (default: its entry in --controllers, else 9093).")
  Integer controllerPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where topics and metadata are kept across restarts (default: data/kafka alone, data/kafka-N in a cluster).")
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
    BrokerSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    for (int p : new int[] {port, settings.controllerPort()}) {
      if (!LoopbackPorts.isFree(p)) {
        System.err.println("trendtags kafka: port " + p + " on 127.0.0.1 is in use (another broker running?);"
            + " stop it or choose --port / --controller-port.");
        return 1;
      }
    }
    EmbeddedBroker broker = new EmbeddedBroker(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping the Kafka broker");
      broker.stop();
      stopped.countDown();
    }, "kafka-shutdown"));
    try {
      broker.start();
      if (settings.clusterSize() > 1) {
        LOG.info("node {} of {}: waiting for a majority of the controllers {}", nodeId, settings.clusterSize(), controllers);
      }
      broker.awaitClientConnection(settings.clusterSize() > 1 ? CLUSTER_READY_TIMEOUT : READY_TIMEOUT);
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

  /** This node's settings; the controller port and data dir follow from --controllers unless given. */
  private BrokerSettings settings() {
    if (controllers == null) {
      int controller = controllerPort != null ? controllerPort : 9093;
      Path dir = dataDir != null ? dataDir : Path.of("data/kafka");
      return new BrokerSettings(nodeId, port, controller, dir.toAbsolutePath(), nodeId + "@127.0.0.1:" + controller);
    }
    Integer listed = null;
    for (String voter : controllers.split(",")) {
      String[] idAndAddress = voter.trim().split("@", 2);
      String[] hostAndPort = idAndAddress.length == 2 ? idAndAddress[1].split(":", 2) : new String[0];
      if (hostAndPort.length != 2 || !idAndAddress[0].matches("\\d+") || !hostAndPort[1].matches("\\d+")) {
        throw new IllegalArgumentException("--controllers: expected ID@HOST:PORT,...; got '" + voter.trim() + "'");
      }
      if (Integer.parseInt(idAndAddress[0]) == nodeId) {
        listed = Integer.parseInt(hostAndPort[1]);
      }
    }
    if (listed == null) {
      throw new IllegalArgumentException("--controllers does not name this node (--node-id " + nodeId + "): " + controllers);
    }
    if (controllerPort != null && controllerPort.intValue() != listed) {
      throw new IllegalArgumentException("--controller-port " + controllerPort + " differs from node " + nodeId
          + "'s entry in --controllers (" + listed + ")");
    }
    Path dir = dataDir != null ? dataDir : Path.of("data/kafka-" + nodeId);
    return new BrokerSettings(nodeId, port, listed, dir.toAbsolutePath(), controllers.replace(" ", ""));
  }
}
