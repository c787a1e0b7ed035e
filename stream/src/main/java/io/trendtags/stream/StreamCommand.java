package io.trendtags.stream;

import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.MetricsPortConverter;
import io.trendtags.core.config.DurationConverter;
import io.trendtags.core.config.EffectiveConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trendtags.observe.Health;
import io.trendtags.observe.OpsServer;
import io.trendtags.observe.StageMetrics;
import io.trendtags.topics.TopicException;
import io.trendtags.topics.Topics;
import io.trendtags.stream.ops.MeteredTopTagsStore;
import io.trendtags.stream.ops.QueryMetrics;
import io.trendtags.stream.ops.StreamHealth;
import io.trendtags.store.ChangedRows;
import io.trendtags.stream.sink.NoticingTopTagsStore;
import io.trendtags.stream.sink.RetryingTopTagsStore;
import io.trendtags.stream.window.SurgeSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./trendtags stream}: the Spark Structured Streaming job, Kafka topic in, top hashtags out to
 * HBase. The same class is the entry point for {@code spark-submit --class io.trendtags.stream.StreamCommand}.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Counts the hashtags of the tweets on a Kafka topic, exactly once, and writes the top lists to HBase.",
        "Counts live in Spark's checkpoints and the HBase rows the job wrote: stop and restart with the same",
        "--checkpoint and HBase and they continue; to start over, delete both."},
    footer = {"", "Options also come from TRENDTAGS_<OPTION> environment variables and --config FILE "
        + "(keys are option names, e.g. hbase-zk=zk1:2181)."})
public final class StreamCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StreamCommand.class);
  /** Spark's shutdown hook has {@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30}; a higher one runs first. */
  private static final int SHUTDOWN_HOOK_PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;

  /** How long the queries may take to stop: inside the demo's grace of 20 s before it kills a stage. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  /** Notices are worth seconds: an hour of them is kept, in segments small enough to be deleted. */
  private static final Map<String, String> CHANGES_TOPIC_CONFIG = Map.of("retention.ms", "3600000", "segment.ms", "600000");

  @Spec CommandSpec spec;

  @Option(names = "--kafka", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1:9092")
  String kafka;

  @Option(names = "--topic", description = "Topic of tweets (default: ${DEFAULT-VALUE}).", defaultValue = "tweets")
  String topic;

  @Option(names = "--changes-topic", paramLabel = "TOPIC",
      description = "Topic where the job names each list it has just written, so the web app reads it at once (default: ${DEFAULT-VALUE}).",
      defaultValue = ChangedRows.DEFAULT_TOPIC)
  String changesTopic;

  @Option(names = "--replication-factor", paramLabel = "N",
      description = "Replication factor of the topic when the job creates it (default: the cluster's default.replication.factor).")
  Short replicationFactor;

  @Option(names = "--hbase-zk", description = "HBase ZooKeeper quorum host:port[,...] (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1:2181")
  String hbaseZk;

  @Option(names = "--master", description = "Spark master (default: local[*], or what spark-submit set).")
  String master;

  @Option(names = "--job-jar", paramLabel = "JAR",
      description = "With --master spark://...: the jar shipped to the executors (default: the build's stream/target/*-job.jar).")
  Path jobJar;

  @Option(names = "--checkpoint", description = "Checkpoint directory or URI: offsets and counts; on a cluster, one every executor "
      + "reaches (default: ${DEFAULT-VALUE}).", defaultValue = "data/checkpoint")
  String checkpoint;

  @Option(names = "--trigger", description = "How often a micro-batch of the windowed views (15 min, 1 h, 24 h, surging) starts when posts "
      + "wait, e.g. 500ms, 2s; one that takes longer is followed at once, and none runs while the topic is quiet (default: ${DEFAULT-VALUE}).",
      defaultValue = "1s")
  String trigger;

  @Option(names = "--all-time-trigger", description = "The same for the all-time counts, the ones a new post moves at once; 0ms runs "
      + "batches back to back (default: ${DEFAULT-VALUE}).", defaultValue = "500ms")
  String allTimeTrigger;

  @Option(names = "--once", description = "Process what is on the topic now, then exit (Trigger.AvailableNow).")
  boolean once;

  @Option(names = "--max-offsets-per-trigger", description = "Cap on records per micro-batch (default: none).")
  Long maxOffsetsPerTrigger;

  @Option(names = "--shuffle-partitions", description = "State partitions; fixed by the first run of a checkpoint (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int shufflePartitions;

  @Option(names = "--ui-port", description = "Spark UI port, -1 for none (default: ${DEFAULT-VALUE}).", defaultValue = "4040")
  int uiPort;

  @Option(names = "--hbase-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "Fail a batch when HBase has been unreachable this long (its query then starts again from its "
          + "checkpoint); default: retry without limit, backing off to 30 s, so the job outlives an HBase outage.")
  Duration hbaseTimeout;

  @Option(names = "--dedup-horizon", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long (in event time) a tweet id is remembered so a second delivery is not counted; "
          + "a duplicate arriving later counts again (default: ${DEFAULT-VALUE}).", defaultValue = "48h")
  Duration dedupHorizon;

  @Option(names = "--allowed-lateness", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How far behind the stream's clock (the newest created_at) a tweet may arrive and still count "
          + "in the windows and surge; later ones count in all time only (default: ${DEFAULT-VALUE}).", defaultValue = "10m")
  Duration allowedLateness;

  @Option(names = "--surge-min-authors", description = "Fewest distinct authors in the last hour for a tag to surge (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int surgeMinAuthors;

  @Option(names = "--surge-baseline-hours", description = "Hours before the last one whose mean distinct authors is the surge's baseline (default: ${DEFAULT-VALUE}).", defaultValue = "24")
  int surgeBaselineHours;

  @Option(names = "--surge-half-life", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How fast a held surge peak fades (default: ${DEFAULT-VALUE}).", defaultValue = "2h")
  Duration surgeHalfLife;

  @Option(names = "--history-ttl", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long HBase keeps each tag's minute buckets, when the job creates table hashtags_history (default: ${DEFAULT-VALUE}).", defaultValue = "7d")
  Duration historyTtl;

  @Option(names = "--metrics-port", converter = MetricsPortConverter.class, paramLabel = "PORT", defaultValue = "9102",
      description = "Port of /metrics (Prometheus) and /health; 0 for none (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address the metrics port listens on (default: ${DEFAULT-VALUE}).")
  String metricsBind;

  @Option(names = "--config", description = "Properties file of option defaults.")
  Path config;

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new StreamCommand(), args));
  }


  @Override
  public Integer call() throws Exception {
    LOG.info("{}", EffectiveConfig.describe(spec));
    StreamSettings settings = new StreamSettings(kafka, topic, JobJar.qualified(checkpoint), parseTrigger(trigger), parseTrigger(allTimeTrigger), once,
        maxOffsetsPerTrigger, shufflePartitions, uiPort, dedupHorizon, allowedLateness,
        new SurgeSettings(surgeMinAuthors, surgeBaselineHours, surgeHalfLife), replicationFactor);
    SparkSession spark = HashtagStream.session(settings, master, JobJar.forMaster(master, jobJar));
    PrometheusMeterRegistry registry = StageMetrics.registry("stream");
    spark.streams().addListener(new QueryMetrics(registry));
    try {
      Topics.ensure(kafka, changesTopic, 1, replicationFactor, CHANGES_TOPIC_CONFIG);
    } catch (TopicException e) {
      // The first call to Kafka: one line saying what to check, not a stack trace.
      spark.stop();
      System.err.println("trendtags stream: " + e.getMessage());
      return 1;
    }
    try (RetryingTopTagsStore store = new RetryingTopTagsStore(hbaseZk, hbaseTimeout, historyTtl);
        NoticingTopTagsStore noticing = NoticingTopTagsStore.to(store, kafka, changesTopic)) {
      FunctionCounter.builder("trendtags.stream.change.notices", noticing, NoticingTopTagsStore::sent)
          .description("Lists named on the changes topic after their write").tag("result", "sent").register(registry);
      FunctionCounter.builder("trendtags.stream.change.notices", noticing, NoticingTopTagsStore::failed)
          .description("Lists named on the changes topic after their write").tag("result", "failed").register(registry);
      List<HashtagStream.JobQuery> queries = HashtagStream.queries(spark, settings, new MeteredTopTagsStore(noticing, registry));
      QuerySupervisor supervisor = new QuerySupervisor(spark, queries);
      Health health = StreamHealth.of(supervisor::notRunning, store);
      // In Hadoop's hook manager, where Spark's own hook is, and before it: Spark's stops the SparkContext under
      // the running batch, whose tasks then fail in the log as an aborted job.
      ShutdownHookManager.get().addShutdownHook(() -> {
        LOG.info("stopping");
        supervisor.stop();
      }, SHUTDOWN_HOOK_PRIORITY, STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      OpsServer started;
      try {
        started = metricsPort == 0 ? null : OpsServer.start(metricsBind, metricsPort, registry, health);
      } catch (IOException e) {
        System.err.println("trendtags stream: " + e.getMessage());
        return 1;
      }
      try (OpsServer ops = started) {
        supervisor.startFirst();
        System.out.println("TRENDTAGS READY stream queries=" + queries.size() + " ui="
            + spark.sparkContext().uiWebUrl().getOrElse(() -> "none")
            + (ops == null ? "" : " metrics=" + ops.metricsUrl()));
        supervisor.run();
      } catch (InterruptedException e) {
        LOG.info("interrupted: stopping");
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  static Duration parseTrigger(String text) {
    String t = text.trim();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    throw new CommandLine.TypeConversionException("--trigger: expected e.g. 1s or 500ms, got '" + text + "'");
  }
}
