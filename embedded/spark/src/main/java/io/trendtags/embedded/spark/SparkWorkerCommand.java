package io.trendtags.embedded.spark;

import io.trendtags.core.net.LoopbackPorts;
import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.EffectiveConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.worker.Worker;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.rpc.RpcEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./trendtags spark-worker}: Spark's own standalone Worker ({@code org.apache.spark.deploy.worker.Worker})
 * on 127.0.0.1. The executors it starts run Spark from {@link SparkHome}, a folder of links to this module's
 * jars, so no Spark download is needed. Prints
 * {@code TRENDTAGS READY spark-worker ui=http://127.0.0.1:<port> master=spark://...} once the master took it.
 */
@Command(name = "spark-worker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Spark's standalone Worker on 127.0.0.1: runs the executors of the jobs its master gives it.",
        "Start as many as you like: Spark gives each the next free UI port from --ui-port up."},
    footer = {"", "Options also come from TRENDTAGS_<OPTION> environment variables and --config FILE."})
public final class SparkWorkerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(SparkWorkerCommand.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Option(names = "--master", defaultValue = "spark://127.0.0.1:7077",
      description = "The master to register with (default: ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--cores", description = "Cores it offers to executors (default: all of this machine's).")
  Integer cores;

  @Option(names = "--memory", defaultValue = "2g",
      description = "Memory it offers to executors, e.g. 2g, 1536m (default: ${DEFAULT-VALUE}).")
  String memory;

  @Option(names = "--ui-port", defaultValue = "8081",
      description = "Web UI port, or the next free one above it (default: ${DEFAULT-VALUE}).")
  int uiPort;

  @Option(names = "--work-dir", defaultValue = "data/spark/work",
      description = "Where executors run: their logs and the job's jar (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option defaults.")
  Path config;

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new SparkWorkerCommand(), args));
  }

  /**
   * The worker's own settings, which also govern the files of the executors it runs. A finished application
   * leaves its jar and logs in the work dir: they are removed after a day. A streaming job's executors never
   * finish, so their stdout and stderr roll at 64 MB, five files kept each: the work dir stays bounded for a
   * job that runs for months.
   */
  static SparkConf workerConf() {
    return new SparkConf()
        .set("spark.worker.cleanup.enabled", "true")
        .set("spark.worker.cleanup.appDataTtl", String.valueOf(Duration.ofDays(1).toSeconds()))
        .set("spark.executor.logs.rolling.strategy", "size")
        .set("spark.executor.logs.rolling.maxSize", String.valueOf(64L * 1024 * 1024))
        .set("spark.executor.logs.rolling.maxRetainedFiles", "5");
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    LOG.info("{}", EffectiveConfig.describe(spec));
    if (!master.startsWith("spark://")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--master must look like spark://host:port; got " + master);
    }
    int memoryMb = (int) JavaUtils.byteStringAsMb(memory);
    int coreCount = cores != null ? cores : Runtime.getRuntime().availableProcessors();
    SparkHome.prepare();
    SparkConf conf = workerConf();
    RpcEnv rpcEnv = Worker.startRpcEnvAndEndpoint(LoopbackPorts.HOST, 0, uiPort, coreCount, memoryMb,
        new String[] {master}, workDir.toAbsolutePath().toString(), scala.Option.empty(), conf, scala.Option.empty());
    int ui;
    try {
      ui = WorkerStatus.awaitRegistered(rpcEnv.address().port(), uiPort, READY_TIMEOUT);
    } catch (TimeoutException e) {
      System.err.println("trendtags spark-worker: " + e.getMessage() + "; is the master running at " + master + "?");
      rpcEnv.shutdown();
      return 1;
    }
    System.out.println("TRENDTAGS READY spark-worker ui=http://" + LoopbackPorts.HOST + ":" + ui
        + " master=" + master + " cores=" + coreCount + " memory=" + memoryMb + "m");
    System.out.flush();
    rpcEnv.awaitTermination();
    return 0;
  }
}
