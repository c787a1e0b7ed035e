package io.trendtags.embedded.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * The server properties of one node of a KRaft cluster on 127.0.0.1, each node both broker and controller.
 * Alone (the demo's broker) every internal topic has replication factor 1; in a cluster of three or more
 * voters, topics get three replicas and refuse a write that fewer than two of them took.
 *
 * @param nodeId this node's id, one of the voters'
 * @param port the PLAINTEXT port clients connect to
 * @param controllerPort the port of this node's KRaft controller
 * @param dataDir where the log segments and the metadata log live; kept across restarts
 * @param voters the controller quorum, {@code id@host:port,...}; this node's own alone for a single node
 */
public record BrokerSettings(int nodeId, int port, int controllerPort, Path dataDir, String voters) {

  static final String CONTROLLER_LISTENER = "CONTROLLER";

  /** A single node, id 1, its own quorum. */
  public BrokerSettings(int port, int controllerPort, Path dataDir) {
    this(1, port, controllerPort, dataDir, "1@127.0.0.1:" + controllerPort);
  }

  /** How many nodes the quorum names: the cluster's size, as every node is a broker too. */
  public int clusterSize() {
    return voters.split(",").length;
  }

  /** The bootstrap address clients use. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The log directory inside {@link #dataDir()}. */
  public Path logDir() {
    return dataDir.resolve("logs");
  }

  /**
   * The id every node of this quorum formats its storage with: derived from the voters, so the nodes of one
   * cluster agree on it without being told, and a single node gets a fresh one (it formats only once anyway).
   */
  public String clusterId() {
    if (clusterSize() == 1) {
      return Uuid.randomUuid().toString();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(voters.getBytes(StandardCharsets.UTF_8));
      ByteBuffer bits = ByteBuffer.wrap(digest);
      return new Uuid(bits.getLong(), bits.getLong()).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The broker's properties, as {@code kafka.Kafka server.properties} would read them. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", String.valueOf(nodeId));
    p.setProperty("controller.quorum.voters", voters);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir().toAbsolutePath().toString());
    // Alone, every internal topic must fit on this node or the coordinators never come up. In a cluster,
    // three copies of everything, and an acks=all write needs two of them: one broker may die unnoticed.
    String replicas = String.valueOf(Math.min(3, clusterSize()));
    String minInSync = clusterSize() >= 3 ? "2" : "1";
    p.setProperty("offsets.topic.replication.factor", replicas);
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", replicas);
    p.setProperty("transaction.state.log.min.isr", minInSync);
    p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
    p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
    p.setProperty("default.replication.factor", replicas);
    p.setProperty("min.insync.replicas", minInSync);
    // Consumers in the demo and the tests join alone: waiting for others only delays them.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // Our client creates its topic with the partitions it wants; a typo must not create another one.
    p.setProperty("auto.create.topics.enable", "false");
    return p;
  }
}
