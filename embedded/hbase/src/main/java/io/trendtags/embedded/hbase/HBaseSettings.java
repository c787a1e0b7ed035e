package io.trendtags.embedded.hbase;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.LocalHBaseCluster;

/**
 * The configuration of HBase standalone on 127.0.0.1: master, one region server and ZooKeeper in one JVM,
 * data on the local filesystem under {@code dataDir}.
 *
 * @param dataDir HBase's root dir and WALs, kept across restarts, and ZooKeeper's data, emptied at each start
 * @param zkPort ZooKeeper's client port
 * @param uiPort the master's web UI port, or -1 for no UI
 * @param randomPorts whether the master and region server RPC (and UI) ports are chosen free
 * @param role all of HBase, or one process of a distributed HBase sharing {@code dataDir}
 */
public record HBaseSettings(Path dataDir, int zkPort, int uiPort, boolean randomPorts, HBaseRole role) {

  /** HBase standalone. */
  public HBaseSettings(Path dataDir, int zkPort, int uiPort, boolean randomPorts) {
    this(dataDir, zkPort, uiPort, randomPorts, HBaseRole.STANDALONE);
  }

  static final String HOST = "127.0.0.1";

  /** {@code 127.0.0.1:<zkPort>}. */
  public String zkQuorum() {
    return HOST + ":" + zkPort;
  }

  /** Where the embedded ZooKeeper keeps its data. */
  public Path zkDataDir() {
    return dataDir.resolve("zookeeper");
  }

  /** The server's configuration: hbase-default.xml plus what standalone on loopback needs. */
  public Configuration toConfiguration() {
    Configuration conf = HBaseConfiguration.create();
    conf.setBoolean("hbase.cluster.distributed", role.distributed());
    conf.set("hbase.rootdir", dataDir.resolve("hbase").toUri().toString());
    // Each process of a distributed HBase has local scratch space of its own.
    Path tmp = dataDir.resolve(role.distributed() ? "tmp-" + role.name().toLowerCase(java.util.Locale.ROOT) : "tmp");
    conf.set("hbase.tmp.dir", tmp.toString());
    conf.set("hadoop.tmp.dir", tmp.resolve("hadoop").toString());
    conf.set("hbase.zookeeper.property.dataDir", zkDataDir().toString());
    conf.set("hbase.zookeeper.quorum", HOST);
    conf.setInt("hbase.zookeeper.property.clientPort", zkPort);
    // The local filesystem cannot hflush/hsync as HDFS does; standalone accepts that.
    conf.setBoolean("hbase.unsafe.stream.capability.enforce", false);
    for (String server : new String[] {"master", "regionserver"}) {
      conf.set("hbase." + server + ".ipc.address", HOST);
      conf.set("hbase." + server + ".info.bindAddress", HOST);
    }
    // Clients reach the servers by the names they register; the loopback address resolves everywhere.
    conf.set("hbase.master.hostname", HOST);
    conf.set("hbase.unsafe.regionserver.hostname", HOST);
    conf.setInt("hbase.master.info.port", uiPort);
    conf.setInt("hbase.regionserver.info.port", -1);
    conf.setBoolean(LocalHBaseCluster.ASSIGN_RANDOM_PORTS, randomPorts);
    // One region server, in this JVM: waiting for more only delays start-up (by ~4.5 s).
    conf.setInt("hbase.master.wait.on.regionservers.maxtostart", 1);
    conf.setInt("hbase.master.wait.on.regionservers.timeout", 1000);
    // The region server's first report to the master fails while the master starts, and it then sleeps
    // this long before the next (HBase's default, 3 s, was most of the gap between the master's start and
    // HBase being ready). It is also its heartbeat: twice a second costs nothing on loopback.
    conf.setInt("hbase.regionserver.msginterval", 500);
    // We stop the servers in order in our own shutdown hook; HBase's own hook would race it.
    conf.setBoolean("hbase.shutdown.hook", false);
    return conf;
  }

  /** A client's configuration for this server. */
  public Configuration clientConfiguration() {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", HOST);
    conf.setInt("hbase.zookeeper.property.clientPort", zkPort);
    conf.setInt("hbase.client.retries.number", 3);
    return conf;
  }
}
