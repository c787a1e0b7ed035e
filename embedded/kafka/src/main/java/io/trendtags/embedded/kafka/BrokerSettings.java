package io.trendtags.embedded.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of a single-node KRaft cluster on 127.0.0.1: one process that is both broker and
 * controller, every internal topic with replication factor 1, no topic created by accident.
 *
 * @param port the PLAINTEXT port clients connect to
 * @param controllerPort the port of the KRaft controller quorum (this node alone)
 * @param dataDir where the log segments and the metadata log live; kept across restarts
 */
public record BrokerSettings(int port, int controllerPort, Path dataDir) {

  static final int NODE_ID = 1;
  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /** The bootstrap address clients use. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The log directory inside {@link #dataDir()}. */
  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /** The broker's properties, as {@code kafka.Kafka server.properties} would read them. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", String.valueOf(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir().toAbsolutePath().toString());
    // One node: every internal topic must fit on it, or the coordinators never come up.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    // Consumers in the demo and the tests join alone: waiting for others only delays them.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // Our client creates its topic with the partitions it wants; a typo must not create another one.
    p.setProperty("auto.create.topics.enable", "false");
    return p;
  }
}
