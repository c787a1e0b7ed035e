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
import org.apache.hadoop.hbase.zookeeper.MiniZooKeeperCluster;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HBase standalone in this JVM, as {@code hbase master start} runs it: an embedded ZooKeeper, then a master
 * and one region server. The data (tables, WALs, the master's region) is kept across restarts, a
 * {@code kill -9} included; ZooKeeper's is not (see {@link #start()}). {@link #stop()} shuts them down in the reverse order, ZooKeeper last, so the region
 * server never retries a ZooKeeper that is already gone.
 */
final class EmbeddedHBase {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHBase.class);

  private final HBaseSettings settings;
  private MiniZooKeeperCluster zooKeeper;
  private LocalHBaseCluster cluster;

  EmbeddedHBase(HBaseSettings settings) {
    this.settings = settings;
  }

  void start() throws IOException, InterruptedException {
    Configuration conf = settings.toConfiguration();
    DefaultMetricsSystem.setMiniClusterMode(true);
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
    cluster = new LocalHBaseCluster(conf, 1, 0, 1, HMaster.class, HRegionServer.class);
    cluster.startup();
  }

  /** Waits until the master is initialized and a new client connection can list the tables. */
  void awaitClientCanUseTables(Duration timeout) throws InterruptedException, TimeoutException {
    Instant deadline = Instant.now().plus(timeout);
    while (!isMasterInitialized()) {
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
    HMaster master = cluster.getActiveMaster();
    return master == null || master.getInfoServer() == null ? -1 : master.getInfoServer().getPort();
  }

  /** Stops the master (which stops the region server), waits for both, then stops ZooKeeper. */
  void stop() {
    if (cluster != null) {
      cluster.shutdown();
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

  private boolean isMasterInitialized() {
    HMaster master = cluster.getActiveMaster();
    if (master == null && cluster.getLiveMasters().isEmpty()) {
      throw new IllegalStateException("the HBase master stopped during start-up; see the log above");
    }
    return master != null && master.isInitialized();
  }
}
