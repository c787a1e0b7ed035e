package io.trendtags.embedded.hbase;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hbase.LocalHBaseCluster;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.master.HMaster;
import org.apache.hadoop.hbase.regionserver.HRegionServer;
import org.apache.hadoop.hbase.util.JVMClusterUtil;
import org.apache.hadoop.hbase.zookeeper.MiniZooKeeperCluster;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HBase standalone in this JVM, as {@code hbase master start} runs it: an embedded ZooKeeper, then a master
 * and one region server; or one of them alone ({@link HBaseRole}), a process of a distributed HBase. The data (tables, WALs, the master's region) is kept across restarts, a
 * {@code kill -9} included; ZooKeeper's is not (see {@link #start()}). {@link #stop()} shuts them down in the reverse order, ZooKeeper last, so the region
 * server never retries a ZooKeeper that is already gone.
 */
final class EmbeddedHBase {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHBase.class);
  private static final Duration READY_WAIT = Duration.ofMinutes(5);

  private final HBaseSettings settings;
  private MiniZooKeeperCluster zooKeeper;
  private LocalHBaseCluster cluster;

  EmbeddedHBase(HBaseSettings settings) {
    this.settings = settings;
  }

  void start() throws IOException, InterruptedException {
    Configuration conf = settings.toConfiguration();
    DefaultMetricsSystem.setMiniClusterMode(true);
    HBaseRole role = settings.role();
    if (role.runsZooKeeper()) {
      startZooKeeper(conf);
    }
    if (role == HBaseRole.REGIONSERVER) {
      awaitMasterInZooKeeper(READY_WAIT);
    }
    if (role.runsMaster() || role.runsRegionServer()) {
      cluster = new LocalHBaseCluster(conf, role.runsMaster() ? 1 : 0, 0, role.runsRegionServer() ? 1 : 0,
          HMaster.class, HRegionServer.class);
      if (role.runsMaster()) {
        cluster.startup();
      } else {
        // LocalHBaseCluster.startup() starts nothing without a master: start the region server's thread here.
        cluster.getRegionServers().forEach(Thread::start);
      }
    }
  }

  /**
   * A region server started before its master finds no {@code /hbase} in ZooKeeper and gives up for good; one
   * of a distributed HBase started by hand, or together with the others, waits for the master's znode first.
   */
  private void awaitMasterInZooKeeper(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    LOG.info("waiting for an HBase master to register in ZooKeeper at {}", settings.zkQuorum());
    while (Instant.now().isBefore(deadline)) {
      try (ZooKeeper zk = new ZooKeeper(settings.zkQuorum(), 10_000, event -> { })) {
        if (zk.exists("/hbase/master", false) != null) {
          return;
        }
      } catch (KeeperException notYet) {
        // ZooKeeper not up yet, or its session not established: ask again
      }
      Thread.sleep(500);
    }
    throw new IOException("no HBase master registered in ZooKeeper at " + settings.zkQuorum() + " within " + timeout.toSeconds() + " s");
  }

  private void startZooKeeper(Configuration conf) throws IOException, InterruptedException {
    // ZooKeeper starts empty. It holds only what HBase 2.5+ rebuilds at start: the master's address, the
    // live servers, a copy of meta's location, whose record is in the master's own region (HBASE-26193).
    // Kept, the znodes of a killed HBase outlive it by a session timeout (40 s here), and a new master
    // waits behind its dead predecessor and gives up after 30 s. Started empty, the master finds the dead
    // region server by its WAL directory and replays its edits.
    if (Files.exists(settings.zkDataDir()) && !FileUtil.fullyDelete(settings.zkDataDir().toFile())) {
      throw new IOException("could not empty ZooKeeper's data directory " + settings.zkDataDir());
    }
    Files.createDirectories(settings.zkDataDir());
    zooKeeper = new MiniZooKeeperCluster(conf);
    zooKeeper.setDefaultClientPort(settings.zkPort());
    int port = zooKeeper.startup(settings.zkDataDir().toFile());
    if (port != settings.zkPort()) {
      throw new IOException("ZooKeeper could not listen on port " + settings.zkPort() + " (it found " + port + ")");
    }
  }

  /**
   * Waits until the master is initialized (when it runs here) and a new client connection can list the tables
   * and sees a live region server: for a master or a region server alone, until the other has come too.
   */
  void awaitClientCanUseTables(Duration timeout) throws InterruptedException, TimeoutException {
    if (cluster == null) {
      return; // ZooKeeper alone: it listens once started
    }
    Instant deadline = Instant.now().plus(timeout);
    while (settings.role().runsMaster() && !isMasterInitialized()) {
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException("the HBase master was not initialized within " + timeout);
      }
      Thread.sleep(100);
    }
    while (true) {
      try (Connection connection = ConnectionFactory.createConnection(settings.clientConfiguration());
           Admin admin = connection.getAdmin()) {
        admin.listTableNames();
        if (!admin.getClusterMetrics().getLiveServerMetrics().isEmpty()) {
          return;
        }
      } catch (IOException notYet) {
        LOG.debug("a client cannot use HBase yet", notYet);
      }
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException("a client could not list HBase's tables within " + timeout);
      }
      Thread.sleep(200);
    }
  }

  /** The port the master's UI listens on, or -1 if it has none. */
  int uiPort() {
    HMaster master = cluster == null ? null : cluster.getActiveMaster();
    return master == null || master.getInfoServer() == null ? -1 : master.getInfoServer().getPort();
  }

  /** Stops the master (standalone: which stops the region server; distributed: this process's alone), waits, then stops ZooKeeper. */
  void stop() {
    if (cluster != null) {
      if (settings.role().distributed()) {
        stopThisProcessOnly();
      } else {
        cluster.shutdown();
      }
      cluster.join();
    }
    if (zooKeeper != null) {
      try {
        zooKeeper.shutdown();
      } catch (IOException e) {
        LOG.warn("ZooKeeper did not stop cleanly: {}", e.getMessage());
      }
    }
  }

  /**
   * Stops the master or region server of this process and no other: HBase's own cluster shutdown, asked of
   * an active master, would stop every region server of the cluster with it.
   */
  private void stopThisProcessOnly() {
    for (JVMClusterUtil.MasterThread master : cluster.getMasters()) {
      try {
        master.getMaster().stopMaster();
      } catch (IOException e) {
        LOG.warn("the master did not stop cleanly: {}", e.getMessage());
      }
    }
    for (JVMClusterUtil.RegionServerThread server : cluster.getRegionServers()) {
      server.getRegionServer().stop("stopped by SIGTERM");
    }
  }

  private boolean isMasterInitialized() {
    HMaster master = cluster.getActiveMaster();
    if (master == null && cluster.getLiveMasters().isEmpty()) {
      throw new IllegalStateException("the HBase master stopped during start-up; see the log above");
    }
    return master != null && master.isInitialized();
  }
}
