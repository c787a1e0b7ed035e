package io.trendtags.embedded.hbase;

import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.EffectiveConfig;
import io.trendtags.core.net.LoopbackPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
 * {@code ./trendtags hbase}: HBase standalone (master, region server, ZooKeeper in one JVM) on 127.0.0.1 with
 * its data on the local filesystem, for the demo and the tests. Prints
 * {@code TRENDTAGS READY hbase zk=127.0.0.1:<port>} once a client can use tables, and stops cleanly on SIGTERM.
 */
@Command(name = "hbase", sortOptions = false,
    description = {"An embedded HBase standalone (master, region server, ZooKeeper) on 127.0.0.1, for the demo and the tests.",
        "With --role, one process of a distributed HBase on this machine (hbase.cluster.distributed=true), all",
        "sharing one --data-dir on the local filesystem; start the three, then wait:",
        "  ./trendtags hbase --role zookeeper & ./trendtags hbase --role master & ./trendtags hbase --role regionserver"})
public final class HBaseServerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(HBaseServerCommand.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--data-dir", defaultValue = "data/hbase",
      description = "Where tables, WALs and ZooKeeper's data are kept across restarts (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--zk-port", defaultValue = "2181", description = "ZooKeeper's client port (default: ${DEFAULT-VALUE}).")
  int zkPort;

  @Option(names = "--ui-port", defaultValue = "16010",
      description = "Port of the master's web UI; -1 turns it off (default: ${DEFAULT-VALUE}).")
  int uiPort;

  @Option(names = "--random-ports",
      description = "Choose free ports for the master and region server RPC (for tests) instead of 16000/16020.")
  boolean randomPorts;

  @Option(names = "--role", defaultValue = "standalone", paramLabel = "ROLE",
      converter = RoleConverter.class,
      description = "standalone (all in one JVM), or zookeeper, master, regionserver (default: ${DEFAULT-VALUE}).")
  HBaseRole role;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of option defaults (default: $TRENDTAGS_CONFIG or ./trendtags.properties).")
  Path config;

  /** Runs HBase until SIGTERM. */
  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new HBaseServerCommand(), args));
  }


  @Override
  public Integer call() throws Exception {
    LOG.info(EffectiveConfig.describe(spec));
    int ui = uiPort;
    if (ui >= 0 && !MasterUi.canRun()) {
      LOG.warn("the master UI needs the JVM flag {} (add it to TRENDTAGS_JAVA_OPTS); starting without it",
          MasterUi.REQUIRED_JVM_FLAG);
      ui = -1;
    }
    if (!role.runsMaster()) {
      ui = -1;
    }
    String busy = firstBusyPort(ui);
    if (busy != null) {
      System.err.println("trendtags hbase: " + busy + " on 127.0.0.1 is in use (another HBase or ZooKeeper running?);"
          + " stop it or choose other ports (--zk-port, --ui-port, --random-ports).");
      return 1;
    }
    HBaseSettings settings = new HBaseSettings(dataDir.toAbsolutePath(), zkPort, ui, randomPorts, role);
    EmbeddedHBase hbase = new EmbeddedHBase(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping HBase");
      hbase.stop();
      stopped.countDown();
    }, "hbase-shutdown"));
    try {
      hbase.start();
      hbase.awaitClientCanUseTables(READY_TIMEOUT);
    } catch (Exception e) {
      System.err.println("trendtags hbase: HBase did not start: " + e.getMessage() + " (data in " + settings.dataDir() + ")");
      return 1;
    }
    int actualUi = hbase.uiPort();
    System.out.println("TRENDTAGS READY hbase zk=" + settings.zkQuorum()
        + (role.distributed() ? " role=" + role.name().toLowerCase(Locale.ROOT) : "")
        + (actualUi > 0 ? " ui=http://127.0.0.1:" + actualUi : ""));
    System.out.flush();
    stopped.await();
    return 0;
  }

  /** The first fixed port we need that something else listens on, described, or null. */
  private String firstBusyPort(int ui) {
    if (role.runsZooKeeper() && !LoopbackPorts.isFree(zkPort)) {
      return "ZooKeeper port " + zkPort;
    }
    if (ui > 0 && !LoopbackPorts.isFree(ui)) {
      return "UI port " + ui;
    }
    if (!randomPorts) {
      for (int rpc : new int[] {role.runsMaster() ? 16000 : 0, role.runsRegionServer() ? 16020 : 0}) {
        if (rpc > 0 && !LoopbackPorts.isFree(rpc)) {
          return "RPC port " + rpc;
        }
      }
    }
    return null;
  }

  /** Role names as a user types them: lower case. */
  static final class RoleConverter implements CommandLine.ITypeConverter<HBaseRole> {
    @Override
    public HBaseRole convert(String value) {
      try {
        return HBaseRole.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("expected standalone, zookeeper, master or regionserver; got '" + value + "'");
      }
    }
  }
}
