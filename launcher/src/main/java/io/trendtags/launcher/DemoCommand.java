package io.trendtags.launcher;

import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.launcher.demo.Demo;
import io.trendtags.launcher.demo.DemoSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./trendtags demo}: the whole pipeline on this machine, each stage its own process. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Starts Kafka (KRaft), HBase standalone, the Spark job, the web app and the replay client, each as its",
        "own process on 127.0.0.1, and prints the dashboard's address. Ctrl-C stops them all.",
        "A second run continues from the data it kept, unless --fresh."},
    footer = {"", "Ports: Kafka 9092, ZooKeeper 2181, HBase UI 16010, Spark UI 4040, web 5001.",
        "Logs of every process: <data-dir>/logs/<stage>.log"})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Where Kafka, HBase, the checkpoint and logs live (default: ${DEFAULT-VALUE}).", defaultValue = "data")
  Path dataDir;

  @Option(names = "--fresh", description = "Delete the data dir first: counts start from zero.")
  boolean fresh;

  @Option(names = "--rate", description = "Tweets per second the replay client sends (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int rate;

  @Option(names = "--web-port", description = "Dashboard port (default: ${DEFAULT-VALUE}).", defaultValue = "5001")
  int webPort;

  @Option(names = "--config", description = "Properties file of option defaults.")
  Path config;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DemoCommand()).setDefaultValueProvider(ConfigDefaults.load(args)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    return new Demo(new DemoSettings(dataDir.toAbsolutePath(), fresh, rate, webPort)).run();
  }
}
