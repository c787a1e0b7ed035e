package io.trendtags.embedded.hbase;

/**
 * What one {@code ./trendtags hbase} process runs: all of HBase (standalone, the default), or one of the three
 * processes of a distributed HBase on this machine, sharing a root dir on the local filesystem.
 */
public enum HBaseRole {
  /** ZooKeeper, a master and a region server in one JVM. */
  STANDALONE(true, true, true),
  /** ZooKeeper alone, for a distributed HBase's master and region servers. */
  ZOOKEEPER(true, false, false),
  /** A master alone (RPC 16000, UI 16010), against the ZooKeeper of --zk-port. */
  MASTER(false, true, false),
  /** A region server alone (RPC 16020), against the ZooKeeper of --zk-port. */
  REGIONSERVER(false, false, true);

  private final boolean zooKeeper;
  private final boolean master;
  private final boolean regionServer;

  HBaseRole(boolean zooKeeper, boolean master, boolean regionServer) {
    this.zooKeeper = zooKeeper;
    this.master = master;
    this.regionServer = regionServer;
  }

  boolean runsZooKeeper() {
    return zooKeeper;
  }

  boolean runsMaster() {
    return master;
  }

  boolean runsRegionServer() {
    return regionServer;
  }

  /** Whether HBase runs as several processes: {@code hbase.cluster.distributed}. */
  boolean distributed() {
    return this != STANDALONE;
  }
}
