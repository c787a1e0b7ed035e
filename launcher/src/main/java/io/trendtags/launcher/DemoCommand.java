package io.trendtags.launcher;

import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.launcher.demo.Demo;
import io.trendtags.launcher.demo.DemoSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./trendtags demo}: the whole pipeline on this machine, each stage its own process. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Starts Kafka (KRaft), HBase standalone, the Spark job, the web app and the client, each as its own",
        "process on 127.0.0.1, and prints the dashboard's address. Ctrl-C stops them all. The client plays a",
        "synthetic timeline (tags that rise and fade, a surge every 4 minutes); with X credentials (as for",
        "./trendtags client: four arguments, TRENDTAGS_X_* variables or --credentials FILE) it reads your home",
        "timeline instead; with --source mastodon --instance URL (TRENDTAGS_MASTODON_TOKEN) or --source bluesky",
        "--handle HANDLE (TRENDTAGS_BLUESKY_APP_PASSWORD) your Mastodon or Bluesky home timeline.",
        "A second run continues from the data it kept, unless --fresh.",
        "With --cluster the job runs on clusters instead, still all on 127.0.0.1: a Spark standalone master",
        "(7077, UI 8080) with two workers (UIs 8081, 8082) and a three-node Kafka (19092, 29092, 39092)."},
    footer = {"", "Ports: Kafka 9092, ZooKeeper 2181, HBase UI 16010, Spark UI 4040, web 5001.",
        "Logs of every process: <data-dir>/logs/<stage>.log"})
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--data-dir", description = "Where Kafka, HBase, the checkpoint and logs live (default: data, "
      + "or data/cluster with --cluster).")
  Path dataDir;

  @Option(names = "--cluster", description = "Run the job on a Spark master with two workers and a three-node Kafka, all on 127.0.0.1.")
  boolean cluster;

  @Option(names = "--fresh", description = "Delete the data dir first: counts start from zero.")
  boolean fresh;

  @Option(names = "--rate", description = "Tweets per second the synthetic timeline sends (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int rate;

  @Option(names = "--web-port", description = "Dashboard port (default: ${DEFAULT-VALUE}).", defaultValue = "5001")
  int webPort;

  @Option(names = "--config", description = "Properties file of option defaults.")
  Path config;

  @Option(names = "--source", paramLabel = "NETWORK",
      description = "Your own home timeline instead of the synthetic one: x, mastodon or bluesky (as for ./trendtags client).")
  String source;

  @Option(names = "--instance", paramLabel = "URL", description = "Mastodon: your instance, e.g. https://mastodon.social.")
  String instance;

  @Option(names = "--handle", paramLabel = "HANDLE", description = "Bluesky: your handle, e.g. alice.bsky.social.")
  String handle;

  @Option(names = "--service", paramLabel = "URL", description = "Bluesky: the server to sign in at (default: the client's, https://bsky.social).")
  String service;

  /** The client's environment variable of each network's credential other than X's. */
  static final Map<String, String> SECRET_VARIABLES = Map.of(
      "mastodon", "TRENDTAGS_MASTODON_TOKEN", "bluesky", "TRENDTAGS_BLUESKY_APP_PASSWORD");

  @Parameters(arity = "0..*", paramLabel = "[CONSUMER_KEY CONSUMER_SECRET ACCESS_TOKEN ACCESS_SECRET]",
      hideParamSyntax = true,
      description = "X API credentials: the client then reads your home timeline. Never printed; other local "
          + "users can read arguments in the process list, so prefer the environment or --credentials.")
  List<String> credentials = List.of();

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "Properties file of the client's credentials: X's consumer-key, consumer-secret, access-token, "
          + "access-secret; mastodon-token; bluesky-app-password.")
  Path credentialsFile;

  @Spec
  CommandSpec spec;

  /** The client's environment variables, in the order of the arguments. */
  static final List<String> X_ENVIRONMENT = List.of(
      "TRENDTAGS_X_CONSUMER_KEY", "TRENDTAGS_X_CONSUMER_SECRET", "TRENDTAGS_X_ACCESS_TOKEN", "TRENDTAGS_X_ACCESS_SECRET");

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new DemoCommand(), args));
  }


  @Override
  public Integer call() throws Exception {
    // A cluster's Kafka is another Kafka: its offsets mean nothing to the local demo's checkpoint, so it keeps
    // all its data apart.
    Path data = dataDir != null ? dataDir : Path.of(cluster ? "data/cluster" : "data");
    return new Demo(new DemoSettings(data.toAbsolutePath(), fresh, rate, webPort, timeline(System.getenv()), cluster)).run();
  }

  /** Where the client gets its X credentials, or null to replay: arguments, else the environment, else a file. */
  DemoSettings.OwnTimeline timeline(Map<String, String> environment) {
    if ("mastodon".equals(source) || "bluesky".equals(source)) {
      List<String> args = new ArrayList<>(List.of("--source", source));
      for (String[] option : new String[][] {{"--instance", instance}, {"--handle", handle}, {"--service", service}}) {
        if (option[1] != null) {
          args.addAll(List.of(option[0], option[1]));
        }
      }
      String variable = SECRET_VARIABLES.get(source);
      // Handed to the client alone; the client says what is missing, as when it runs by itself.
      Map<String, String> forClient = environment.containsKey(variable) ? Map.of(variable, environment.get(variable)) : Map.of();
      if (credentialsFile != null && !Files.isReadable(credentialsFile)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--credentials: cannot read " + credentialsFile);
      }
      return new DemoSettings.OwnTimeline(source, args, forClient, credentialsFile == null ? null : credentialsFile.toAbsolutePath());
    }
    if (source != null && !"x".equals(source)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--source must be x, mastodon or bluesky, not '" + source + "'");
    }
    if (!credentials.isEmpty()) {
      if (credentials.size() != 4) {
        throw new CommandLine.ParameterException(spec.commandLine(), "give all four credentials (CONSUMER_KEY "
            + "CONSUMER_SECRET ACCESS_TOKEN ACCESS_SECRET) or none; got " + credentials.size() + " argument(s)");
      }
      spec.commandLine().getErr().println("demo: warning: credentials given as arguments can be read by other "
          + "local users in the process list; prefer TRENDTAGS_X_* variables or --credentials FILE");
      Map<String, String> forClient = new LinkedHashMap<>();
      for (int i = 0; i < 4; i++) {
        forClient.put(X_ENVIRONMENT.get(i), credentials.get(i));
      }
      return new DemoSettings.OwnTimeline(forClient, null);
    }
    if (X_ENVIRONMENT.stream().anyMatch(environment::containsKey)) {
      // Handed to the client alone (no child inherits them); the client checks that all four are there.
      Map<String, String> forClient = new LinkedHashMap<>();
      X_ENVIRONMENT.stream().filter(environment::containsKey).forEach(name -> forClient.put(name, environment.get(name)));
      return new DemoSettings.OwnTimeline(forClient, null);
    }
    if (credentialsFile != null) {
      if (!Files.isReadable(credentialsFile)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--credentials: cannot read " + credentialsFile);
      }
      return new DemoSettings.OwnTimeline(Map.of(), credentialsFile.toAbsolutePath());
    }
    return null;
  }
}
