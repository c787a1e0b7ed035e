package io.trendtags.launcher.cluster;

import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The clusters TrendTags runs on, each process on 127.0.0.1 and started through {@code ./trendtags} as a user
 * would: a Spark standalone master with its workers, and a three-node Kafka (KRaft) cluster. The demo's
 * {@code --cluster} and the cluster test start it; HBase and the stages are theirs to start.
 */
public final class LoopbackCluster {

  /** The cluster's size in Kafka nodes: three, so a topic keeps two in-sync replicas with one node down. */
  public static final int BROKERS = 3;

  /** Starts a stage: the caller's way (its log files, its JVM options), and it stops what it started. */
  @FunctionalInterface
  public interface Starter {
    StageProcess start(String stage, String... args);
  }

  /**
   * Where everything listens.
   *
   * @param workerUis one web UI port per worker
   * @param brokers the client ports of Kafka nodes 1, 2, 3
   * @param controllers their KRaft controller ports
   */
  public record Ports(int master, int masterUi, List<Integer> workerUis, List<Integer> brokers, List<Integer> controllers) {

    /** A user's ports: Spark 7077 and UIs 8080, 8081+; Kafka node N on N9092, its controller on N9093. */
    public static Ports defaults(int workers) {
      return new Ports(7077, 8080, IntStream.range(0, workers).mapToObj(i -> 8081 + i).toList(),
          List.of(19092, 29092, 39092), List.of(19093, 29093, 39093));
    }

    /** Free ports, for tests that run beside a developer's own demo or cluster. */
    public static Ports free(int workers) {
      List<Integer> p = FreePorts.take(2 + workers + 2 * BROKERS);
      return new Ports(p.get(0), p.get(1), p.subList(2, 2 + workers),
          p.subList(2 + workers, 2 + workers + BROKERS), p.subList(2 + workers + BROKERS, p.size()));
    }
  }

  private final Ports ports;
  private final Path dataDir;
  private final Starter starter;
  private final List<StageProcess> brokers = new ArrayList<>();
  private final List<StageProcess> workers = new ArrayList<>();
  private StageProcess master;

  /** A cluster keeping its data (Kafka's logs, the executors' work dirs) under {@code dataDir}. */
  public LoopbackCluster(Ports ports, Path dataDir, Starter starter) {
    this.ports = ports;
    this.dataDir = dataDir;
    this.starter = starter;
  }

  /**
   * Starts every process at once (a Kafka node waits for a majority of its quorum, a worker for its master),
   * then waits until each says it is ready.
   */
  public LoopbackCluster start(Duration timeout) throws InterruptedException {
    master = starter.start("spark-master", "--port", Integer.toString(ports.master()),
        "--ui-port", Integer.toString(ports.masterUi()));
    for (int ui : ports.workerUis()) {
      workers.add(starter.start("spark-worker", "--master", masterUrl(), "--ui-port", Integer.toString(ui),
          "--cores", "1", "--memory", "1g", "--work-dir", dataDir.resolve("spark-work").toString()));
    }
    for (int node = 1; node <= BROKERS; node++) {
      brokers.add(startBroker(node));
    }
    master.awaitReady(timeout);
    for (StageProcess process : workers) {
      process.awaitReady(timeout);
    }
    for (StageProcess broker : brokers) {
      broker.awaitReady(timeout);
    }
    return this;
  }

  /** Starts Kafka node {@code node} (1 to 3) again, on its own data: after {@link StageProcess#kill()}, say. */
  public StageProcess startBroker(int node) {
    StageProcess broker = starter.start("kafka", "--node-id", Integer.toString(node),
        "--port", Integer.toString(ports.brokers().get(node - 1)), "--controllers", controllers(),
        "--data-dir", dataDir.resolve("kafka-" + node).toString());
    if (brokers.size() >= node) {
      brokers.set(node - 1, broker);
    }
    return broker;
  }

  /** The controller quorum, {@code 1@127.0.0.1:P1,2@...,3@...}. */
  public String controllers() {
    return IntStream.rangeClosed(1, BROKERS).mapToObj(n -> n + "@127.0.0.1:" + ports.controllers().get(n - 1))
        .collect(Collectors.joining(","));
  }

  /** Kafka's bootstrap servers: every node, so a client starts with any one of them down. */
  public String kafkaBootstrap() {
    return ports.brokers().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + ports.master();
  }

  public String masterUi() {
    return "http://127.0.0.1:" + ports.masterUi();
  }

  /** Each worker's web UI, as it said when ready (Spark moves a UI up when its port is taken). */
  public List<String> workerUis() throws InterruptedException {
    List<String> uis = new ArrayList<>();
    for (StageProcess worker : workers) {
      uis.add(worker.awaitReady(Duration.ZERO).get("ui"));
    }
    return uis;
  }

  /** The Kafka nodes, node N at index N - 1. */
  public List<StageProcess> brokers() {
    return List.copyOf(brokers);
  }
}
