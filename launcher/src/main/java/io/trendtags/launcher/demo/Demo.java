package io.trendtags.launcher.demo;

import io.trendtags.launcher.cluster.LoopbackCluster;
import io.trendtags.launcher.process.DataDirectories;
import io.trendtags.launcher.process.StageProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Runs the pipeline: Kafka, HBase and the web app start at once; the Spark job and the replay client
 * as soon as Kafka is ready (the job waits for HBase by itself, which lets Spark's slow first batch
 * overlap HBase's start). Then it watches: a stage that dies takes the demo down with its last log
 * lines shown, and Ctrl-C stops every stage, producers before the servers they write to.
 */
public final class Demo {

  private static final Duration SERVER_START = Duration.ofMinutes(3);
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final int KAFKA_PORT = 9092;
  private static final String JAVA_OPTS = "TRENDTAGS_JAVA_OPTS";
  /** The file that marks a data directory as the demo's, so {@code --fresh} never deletes anything else. */
  static final String MARKER = ".trendtags-data";
  private static final Set<String> DATA_DIRS = Set.of("kafka", "hbase", "checkpoint", "logs", "client-x", "cluster",
      "kafka-1", "kafka-2", "kafka-3", "spark-work");
  /** The servers, stopped after the stages that write to them. */
  private static final Set<String> SERVERS = Set.of("kafka", "hbase", "spark-master", "spark-worker");
  private static final int WORKERS = 2;

  private final DemoSettings settings;
  private final PrintStream out;
  private final List<StageProcess> started = new ArrayList<>();
  private final long startNanos = CommandStart.nanoTime();
  private volatile boolean stopping;

  public Demo(DemoSettings settings) {
    this(settings, System.out);
  }

  Demo(DemoSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /** Runs until Ctrl-C (exit 0) or until a stage fails (exit 1). */
  public int run() throws Exception {
    try {
      prepareDataDir();
    } catch (IllegalStateException e) {
      out.println("demo: " + e.getMessage());
      return 2;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "demo-shutdown"));

    Path data = settings.dataDir();
    String bootstrap;
    StageProcess hbase;
    StageProcess web;
    try {
      if (settings.cluster()) {
        hbase = start("hbase", "--data-dir", data.resolve("hbase").toString());
        LoopbackCluster cluster = new LoopbackCluster(LoopbackCluster.Ports.defaults(WORKERS), data, this::start);
        web = start("web", "--port", Integer.toString(settings.webPort()), "--kafka", cluster.kafkaBootstrap());
        cluster.start(SERVER_START);
        bootstrap = cluster.kafkaBootstrap();
        out.printf("demo: clusters ready after %.1f s: Spark master %s (UI %s), workers %s, Kafka %s%n",
            seconds(), cluster.masterUrl(), cluster.masterUi(), cluster.workerUis(), bootstrap);
        start("stream", "--kafka", bootstrap, "--master", cluster.masterUrl(), "--checkpoint", data.resolve("checkpoint").toString());
      } else {
        bootstrap = "127.0.0.1:" + KAFKA_PORT;
        // Spark's start-up and first batch are the longest path to the first bars: the job starts with the
        // servers and waits for Kafka and HBase by itself.
        StageProcess kafka = start("kafka", "--port", Integer.toString(KAFKA_PORT), "--data-dir", data.resolve("kafka").toString());
        start("stream", "--kafka", bootstrap, "--checkpoint", data.resolve("checkpoint").toString());
        hbase = start("hbase", "--data-dir", data.resolve("hbase").toString());
        // The web app hears from the job on Kafka when a list changed, and reads it at once.
        web = start("web", "--port", Integer.toString(settings.webPort()), "--kafka", bootstrap);
        ready(kafka);
      }
      DemoSettings.OwnTimeline own = settings.timeline();
      if (own == null) {
        // The synthetic timeline: tags that rise and fade and a surge every few minutes, stamped now,
        // so every view has something to show within minutes of the first bars.
        start("client", Map.of(), "--kafka", bootstrap, "--synthetic", "--rate", Integer.toString(settings.rate()));
      } else {
        // The real timeline keeps its own position, apart from the replay's.
        List<String> args = new ArrayList<>(List.of("--kafka", bootstrap,
            "--state-dir", data.resolve("client-" + own.network()).toString()));
        args.addAll(own.clientArgs());
        if (own.credentialsFile() != null) {
          args.addAll(List.of("--credentials", own.credentialsFile().toString()));
        }
        out.println("demo: the client reads your " + own.network() + " home timeline (log: "
            + settings.logs().resolve("client.log") + ")");
        start("client", own.environment(), args.toArray(String[]::new));
      }
      Map<String, String> webReady = ready(web);
      String url = webReady.get("url");
      ready(hbase);
      out.printf("%n  Dashboard: %s%n  Metrics:   %s (web), :9102 (stream), :9101 (client)%n"
          + "  Logs:      %s%n  Ctrl-C stops everything.%n%n", url, webReady.getOrDefault("metrics", "none"), settings.logs());
      new FirstBarsWatch(url, started, startNanos, out).start();
    } catch (IllegalStateException e) {
      out.println("demo: " + e.getMessage());
      return 1;
    }
    return watch();
  }

  private void prepareDataDir() throws IOException {
    Path dir = settings.dataDir();
    if (settings.fresh() && Files.exists(dir)) {
      if (!isOurs(dir)) {
        throw new IllegalStateException("--fresh: " + dir + " is not a TrendTags data directory (it has no "
            + MARKER + " file), so it is not deleted; give --data-dir a directory of its own");
      }
      out.println("demo: --fresh: deleting " + dir);
      DataDirectories.delete(dir);
    }
    Files.createDirectories(settings.logs());
    if (!Files.exists(dir.resolve(MARKER))) {
      Files.writeString(dir.resolve(MARKER), "Written by ./trendtags demo: --fresh deletes this directory.\n");
    }
  }

  /**
   * Whether {@code --fresh} may delete {@code dir}: one the demo made (it holds the marker), an empty one,
   * or one from before the marker, holding nothing but what the demo writes.
   */
  static boolean isOurs(Path dir) throws IOException {
    if (Files.exists(dir.resolve(MARKER))) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.allMatch(p -> Files.isDirectory(p) && DATA_DIRS.contains(p.getFileName().toString()));
    }
  }

  private StageProcess start(String stage, String... args) {
    return start(stage, Map.of(), args);
  }

  /** Starts a stage with extra environment variables: the way secrets reach a child, never its arguments. */
  private StageProcess start(String stage, Map<String, String> environment, String... args) {
    StageProcess.Builder builder = StageProcess.builder(stage)
        .args(args)
        .logFile(settings.logs().resolve(logName(stage)));
    environment.forEach(builder::env);
    if (!stage.equals("web")) {
      builder.env(JAVA_OPTS, quickJit(System.getenv().getOrDefault(JAVA_OPTS, "")));
    }
    StageProcess process = builder.start();
    synchronized (started) {
      started.add(process);
    }
    out.printf("demo: started %-6s pid %d%n", stage, process.pid());
    return process;
  }

  /**
   * A stage's JVM options in the demo: the quick JIT alone (C1), then the user's own. Two cores start five JVMs
   * at once, and the full JIT's compiling (C2) is much of their start-up CPU: in the job, 7 of the 22 s of CPU
   * it used before the first bars. With the quick JIT the bars come 4 s sooner at the demo's rate, at the same
   * CPU once running; at --rate 1000 the job then takes 30 points more CPU and a post reaches the dashboard
   * 0.1 s later (docs/BENCHMARKS.md). Not for the web app: under wrk, C2 serves /api/top much
   * faster. The last of a JVM flag wins, so {@code TRENDTAGS_JAVA_OPTS=-XX:TieredStopAtLevel=4} gives every
   * stage the full JIT.
   */
  static String quickJit(String own) {
    return ("-XX:TieredStopAtLevel=1 " + own).trim();
  }

  /** {@code kafka.log}, then {@code kafka-2.log}, {@code kafka-3.log} for a cluster's other nodes. */
  private String logName(String stage) {
    long before = snapshot().stream().filter(p -> p.stage().equals(stage)).count();
    return before == 0 ? stage + ".log" : stage + "-" + (before + 1) + ".log";
  }

  private Map<String, String> ready(StageProcess stage) throws InterruptedException {
    Map<String, String> ready = stage.awaitReady(SERVER_START);
    out.printf("demo: %-6s ready after %.1f s%n", stage.stage(), seconds());
    return ready;
  }

  /** Blocks while every stage runs; returns 1 when one exits on its own, 0 when we stop them. */
  private int watch() throws InterruptedException {
    while (true) {
      for (StageProcess stage : snapshot()) {
        if (!stage.isAlive()) {
          if (stoppedByUs()) {
            return 0;
          }
          out.printf("%ndemo: %s stopped unexpectedly; its last lines (%s):%n", stage.stage(), stage.logFile());
          stage.lastLines().forEach(line -> out.println("  " + line));
          return 1;
        }
      }
      Thread.sleep(500);
    }
  }

  /**
   * Ctrl-C reaches every process of the terminal's group at once: a child may exit a moment before our
   * own shutdown hook says we are stopping. Give the hook that moment before calling the exit unexpected.
   */
  private boolean stoppedByUs() throws InterruptedException {
    for (int i = 0; i < 10 && !stopping; i++) {
      Thread.sleep(100);
    }
    return stopping;
  }

  private List<StageProcess> snapshot() {
    synchronized (started) {
      return List.copyOf(started);
    }
  }

  /** Producers first (client, stream, web), then the servers, each group in parallel. */
  private void stopAll() {
    stopping = true;
    List<StageProcess> stages = snapshot();
    if (stages.stream().noneMatch(StageProcess::isAlive)) {
      return;
    }
    out.println("\ndemo: stopping ...");
    stopInParallel(stages.stream().filter(s -> !SERVERS.contains(s.stage())).toList());
    stopInParallel(stages.stream().filter(s -> SERVERS.contains(s.stage())).toList());
    out.printf("demo: stopped after %.1f s of running%n", seconds());
  }

  private static void stopInParallel(List<StageProcess> stages) {
    CompletableFuture.allOf(stages.stream()
        .map(s -> CompletableFuture.runAsync(() -> s.stop(GRACE)))
        .toArray(CompletableFuture[]::new)).join();
  }

  private double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
