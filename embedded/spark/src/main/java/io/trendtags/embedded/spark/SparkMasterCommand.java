package io.trendtags.embedded.spark;

import io.trendtags.core.net.LoopbackPorts;
import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.EffectiveConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.rpc.RpcEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import scala.Tuple3;

/**
 * {@code ./trendtags spark-master}: Spark's own standalone Master ({@code org.apache.spark.deploy.master.Master})
 * on 127.0.0.1, from the Spark jars the project already has. Prints
 * {@code TRENDTAGS READY spark-master url=spark://127.0.0.1:<port> ui=http://127.0.0.1:<ui-port>} once
 * workers can register, and runs until SIGTERM.
 */
@Command(name = "spark-master", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Spark's standalone cluster Master on 127.0.0.1, for a cluster on this machine.",
        "Start workers with ./trendtags spark-worker, then the job with ./trendtags stream --master spark://127.0.0.1:7077."},
    footer = {"", "Options also come from TRENDTAGS_<OPTION> environment variables and --config FILE."})
public final class SparkMasterCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(SparkMasterCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "7077", description = "Port workers and drivers connect to (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--ui-port", defaultValue = "8080", description = "Port of the master's web UI and its /json (default: ${DEFAULT-VALUE}).")
  int uiPort;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option defaults.")
  Path config;

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new SparkMasterCommand(), args));
  }

  @Override
  public Integer call() {
    LOG.info("{}", EffectiveConfig.describe(spec));
    String busy = LoopbackPorts.firstInUse(port, uiPort);
    if (busy != null) {
      System.err.println("trendtags spark-master: port " + busy + " on 127.0.0.1 is in use (another master running?);"
          + " stop it or choose --port / --ui-port.");
      return 1;
    }
    Tuple3<RpcEnv, Object, scala.Option<Object>> started =
        Master.startRpcEnvAndEndpoint(LoopbackPorts.HOST, port, uiPort,
            // Spark's REST submission server takes jobs from anyone who reaches it, unauthenticated: off
            // unless asked for (-Dspark.master.rest.enabled=true in TRENDTAGS_JAVA_OPTS).
            new SparkConf().setIfMissing("spark.master.rest.enabled", "false"));
    System.out.println("TRENDTAGS READY spark-master url=spark://" + LoopbackPorts.HOST + ":" + port
        + " ui=http://" + LoopbackPorts.HOST + ":" + started._2());
    System.out.flush();
    started._1().awaitTermination();
    return 0;
  }
}
