package io.trendtags.bench;

import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.top.View;
import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.store.ChangedRows;
import io.trendtags.stream.HashtagStream;
import io.trendtags.stream.StreamSettings;
import io.trendtags.topics.Topics;
import io.trendtags.stream.sink.RetryingTopTagsStore;
import io.trendtags.stream.window.SurgeSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code ./trendtags bench}: how many tweets per second the stream job sustains on a backlog. It starts
 * its own Kafka and HBase (or uses yours), writes the backlog, then runs the real query, exactness rules
 * and HBase sink included, over it in fixed-size micro-batches, and prints each batch and the median.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measures the stream job's throughput on a backlog of realistic tweets (the bundled timeline,",
        "looped with new ids). Prints rows/s per micro-batch and the median after the first (warm-up) batch.",
        "--long-run: 10 million tweets over 3 days of event time with 2 million distinct tags; prints per batch",
        "and query the rows, batch time, state rows and checkpoint bytes, the drain rate beside a plain",
        "consumer's, and whether batch time and state stay flat.",
        "--latency: against a running demo (./trendtags demo --rate 1000 in another terminal), from a post written",
        "to Kafka to its count changed on the dashboard's live stream: p50 and p95 over --probes posts, beside the",
        "targets, in --view (all time by default), and each split where the job's change notice was sent: the job's",
        "part, the floor of the path, and the web app's. The probes are Mastodon statuses tagged #LatencyProbe: they",
        "stay in the demo's Mastodon views.",
        "--fan-out: against a running demo, --streams dashboards open at once on /api/stream: how far apart in time",
        "one push reaches the first and the last of them (p95 beside the 1 s target), and the web app's HBase reads",
        "per second before and while they are open (from --web-metrics).",
        "--api: against a running demo, /api/top?n=10 under wrk -t2 -c64 -d20s (install wrk), --runs times in a row:",
        "requests/s and p99 of each run beside the targets."})
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--long-run", description = "The long-run mode (see above).")
  boolean longRun;

  @Option(names = "--latency", description = "The latency mode (see above).")
  boolean latency;

  @Option(names = "--fan-out", description = "The fan-out mode (see above).")
  boolean fanOut;

  @Option(names = "--api", description = "The API mode (see above).")
  boolean api;

  @Option(names = "--runs", description = "API: wrk runs in a row (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int runs;

  @Option(names = "--streams", description = "Fan-out: dashboards' streams to open (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
  int streams;

  @Option(names = "--seconds", description = "Fan-out: how long to count pushes once they are open (default: 30). "
      + "API: each wrk run (default: 20).")
  Integer seconds;

  @Option(names = "--web-metrics", description = "Fan-out: the running web app's metrics (default: ${DEFAULT-VALUE}).",
      defaultValue = "http://127.0.0.1:9103/metrics")
  URI webMetrics;

  @Option(names = "--probes", description = "Latency: probe posts, one at a time (default: ${DEFAULT-VALUE}).", defaultValue = "200")
  int probes;

  @Option(names = "--view", paramLabel = "VIEW", defaultValue = "all",
      description = "Latency: the view whose count the probes move: all (the all-time query, --all-time-trigger), or 15m, 1h, 24h "
          + "(the windows query, --trigger) (default: ${DEFAULT-VALUE}).")
  String view;

  @Option(names = "--web", description = "Latency, fan-out, API: the running web app (default: ${DEFAULT-VALUE}).", defaultValue = "http://127.0.0.1:5001/")
  URI web;

  @Option(names = "--topic", description = "Latency: the topic the running job reads (default: ${DEFAULT-VALUE}).", defaultValue = "tweets")
  String topic;

  @Option(names = "--changes-topic", defaultValue = ChangedRows.DEFAULT_TOPIC,
      description = "Latency: the topic of the job's change notices, where each probe's time is split (default: ${DEFAULT-VALUE}).")
  String changesTopic;

  @Option(names = "--tweets", description = "Backlog size (default: 3,000,000; long run 10,000,000).")
  Long tweets;

  @Option(names = "--batch", description = "Records per micro-batch (default: 500,000; long run 250,000).")
  Long batch;

  @Option(names = "--tags", description = "Long run: distinct tags (default: ${DEFAULT-VALUE}).", defaultValue = "2000000")
  int tags;

  @Option(names = "--days", description = "Long run: days of event time (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int days;

  @Option(names = "--partitions", description = "Partitions of the backlog topic (default: ${DEFAULT-VALUE}).", defaultValue = "2")
  int partitions;

  @Option(names = "--master", description = "Spark master (default: ${DEFAULT-VALUE}).", defaultValue = "local[*]")
  String master;

  @Option(names = "--kafka", description = "Use this Kafka instead of starting one (latency: the running demo's, default 127.0.0.1:9092).")
  String kafka;

  @Option(names = "--hbase-zk", description = "Use this HBase instead of starting one.")
  String hbaseZk;

  @Option(names = "--timeline", description = "JSON lines of tweets to loop (default: the bundled timeline).")
  Path timeline;

  @Option(names = "--config", description = "Properties file of option defaults.")
  Path config;

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new BenchCommand(), args));
  }


  @Override
  public Integer call() throws Exception {
    if (seconds != null && seconds < 1) {
      throw new ParameterException(spec.commandLine(), "--seconds must be at least 1");
    }
    if (api) {
      if (runs < 1) {
        throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
      }
      // The wrk: two threads, 64 connections, 20 s.
      return new ApiBench(web, System.out).run(runs, Duration.ofSeconds(seconds == null ? 20 : seconds), 2, 64);
    }
    if (fanOut) {
      if (streams < 1) {
        throw new ParameterException(spec.commandLine(), "--streams must be at least 1");
      }
      return new FanOutBench(web, webMetrics).run(streams, Duration.ofSeconds(seconds == null ? 30 : seconds));
    }
    if (latency) {
      View counted = View.parse(view).filter(v -> v != View.SURGE).orElseThrow(() -> new ParameterException(
          spec.commandLine(), "--view must be all, 15m, 1h or 24h, got '" + view + "'"));
      return new LatencyBench(kafka == null ? "127.0.0.1:9092" : kafka, topic, changesTopic, web, counted).run(probes);
    }
    try (BenchWorkDir workDir = new BenchWorkDir()) {
      Path work = workDir.dir();
      if (kafka == null) {
        StageProcess broker = workDir.start(StageProcess.builder("kafka")
            .args("--port", Integer.toString(FreePorts.next()), "--controller-port", Integer.toString(FreePorts.next()),
                "--data-dir", work.resolve("kafka").toString())
            .logFile(work.resolve("kafka.log")));
        kafka = broker.awaitReady(Duration.ofMinutes(2)).get("bootstrap");
      }
      if (hbaseZk == null) {
        StageProcess hbase = workDir.start(StageProcess.builder("hbase")
            .args("--data-dir", work.resolve("hbase").toString(), "--zk-port", Integer.toString(FreePorts.next()),
                "--random-ports", "--ui-port", "-1")
            .logFile(work.resolve("hbase.log")));
        hbaseZk = hbase.awaitReady(Duration.ofMinutes(3)).get("zk");
      }
      String topic = "bench-" + System.currentTimeMillis();
      if (longRun) {
        return new LongRunBench(kafka, hbaseZk, master, partitions).run(topic, work.resolve("checkpoint"),
            new LongRunBacklog(tweets == null ? 10_000_000L : tweets, tags, 50_000, Duration.ofDays(days)),
            batch == null ? 250_000L : batch);
      }
      if (tweets == null) {
        tweets = 3_000_000L;
      }
      if (batch == null) {
        batch = 500_000L;
      }
      Path source = timeline != null ? timeline
          : StageProcess.trendtagsHome().resolve("client/src/main/resources/timeline/home-timeline.jsonl");
      System.out.printf("bench: writing %,d tweets to %s ...%n", tweets, topic);
      Topics.ensure(kafka, topic, partitions, null, Topics.BROKER_TIMES);
      long t0 = System.nanoTime();
      Backlog.of(source).write(kafka, topic, tweets);
      System.out.printf("bench: backlog written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      return run(topic, work.resolve("checkpoint"));
    }
  }

  /**
   * The job's settings for draining a backlog once: what's on the topic now, in batches of {@code batch},
   * one state partition per core, no UI, and the stream command's defaults for horizon, lateness and surge.
   */
  static StreamSettings backlogSettings(String kafka, String topic, Path checkpoint, long batch) {
    return new StreamSettings(kafka, topic, checkpoint.toString(), Duration.ZERO, Duration.ZERO, true, batch,
        Math.max(2, Runtime.getRuntime().availableProcessors()), -1, Duration.ofHours(48), Duration.ofMinutes(10),
        SurgeSettings.DEFAULTS, null);
  }

  private int run(String topic, Path checkpoint) throws Exception {
    StreamSettings settings = backlogSettings(kafka, topic, checkpoint, batch);
    SparkSession spark = HashtagStream.session(settings, master);
    try (RetryingTopTagsStore store = new RetryingTopTagsStore(hbaseZk)) {
      long t0 = System.nanoTime();
      List<StreamingQuery> queries = HashtagStream.start(spark, settings, store);
      int failed = 0;
      for (StreamingQuery query : queries) {
        query.awaitTermination();
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      for (StreamingQuery query : queries) {
        System.out.printf("bench: query %s%n", query.name());
        failed += report(query.recentProgress(), wall);
      }
      return failed == 0 ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  private int report(StreamingQueryProgress[] progress, double wallSeconds) {
    List<Double> rates = new ArrayList<>();
    long rows = 0;
    for (StreamingQueryProgress batch : progress) {
      if (batch.numInputRows() == 0) {
        continue;
      }
      rows += batch.numInputRows();
      long ms = batch.batchDuration();
      double rate = batch.numInputRows() * 1000.0 / ms;
      System.out.printf("bench: batch %d: %,d tweets in %.2f s = %,.0f tweets/s%n", batch.batchId(), batch.numInputRows(), ms / 1e3, rate);
      // The first batch pays for code generation and JIT; a short last batch is mostly fixed cost.
      if (batch.batchId() > 0 && batch.numInputRows() >= this.batch / 2) {
        rates.add(rate);
      }
    }
    if (rows != tweets) {
      System.out.printf("bench: FAILED: the job read %,d tweets of %,d%n", rows, tweets);
      return 1;
    }
    rates.sort(Double::compare);
    double median = rates.isEmpty() ? Double.NaN : rates.size() % 2 == 1 ? rates.get(rates.size() / 2)
        : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2;
    System.out.printf("bench: %,d tweets in %.1f s wall (start-up and first batch included) = %,.0f tweets/s%n",
        rows, wallSeconds, rows / wallSeconds);
    System.out.printf("bench: median after warm-up: %,.0f tweets/s (%d batches of %,d, master %s, %d cores)%n",
        median, rates.size(), batch, master, Runtime.getRuntime().availableProcessors());
    return 0;
  }
}
