package io.trendtags.bench;

import io.trendtags.stream.HashtagStream;
import io.trendtags.stream.StreamSettings;
import io.trendtags.topics.Topics;
import io.trendtags.stream.sink.RetryingTopTagsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The long-run benchmark: writes a {@link LongRunBacklog}, times a plain consumer over it, then drains it
 * with every query of the job in fixed-size micro-batches, printing each batch ({@link QueryReport}) and
 * the verdicts against the targets of issue "Trending now": the last 10 batches within 1.5 times
 * batches 2-11, state rows flat (within 10%) once the 48-hour horizon has passed, and the drain rate
 * beside the raw consume rate; then the floor under that rate ({@link SparkFloor}).
 */
final class LongRunBench {

  private final String kafka;
  private final String hbaseZk;
  private final String master;
  private final int partitions;

  LongRunBench(String kafka, String hbaseZk, String master, int partitions) {
    this.kafka = kafka;
    this.hbaseZk = hbaseZk;
    this.master = master;
    this.partitions = partitions;
  }

  int run(String topic, Path checkpoint, LongRunBacklog backlog, long batch) throws Exception {
    long count = backlog.count();
    System.out.printf("bench: long run: writing %,d tweets to %s ...%n", count, topic);
    // The backlog sets each record's time to days ago: that needs CreateTime, and no time-based retention.
    Topics.ensure(kafka, topic, partitions, null, Map.of("message.timestamp.type", "CreateTime", "retention.ms", "-1"));
    long t0 = System.nanoTime();
    backlog.write(kafka, topic);
    System.out.printf("bench: backlog written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    double raw = RawConsume.rate(kafka, topic, partitions, count);
    System.out.printf("bench: a plain KafkaConsumer reads the topic at %,.0f records/s%n", raw);

    StreamSettings settings = BenchCommand.backlogSettings(kafka, topic, checkpoint, batch);
    SparkSession spark = HashtagStream.session(settings, master);
    QueryReport report = new QueryReport(checkpoint);
    spark.streams().addListener(report);
    try (RetryingTopTagsStore store = new RetryingTopTagsStore(hbaseZk)) {
      long start = System.nanoTime();
      List<StreamingQuery> queries = HashtagStream.start(spark, settings, store);
      for (StreamingQuery query : queries) {
        query.awaitTermination();
      }
      double wall = (System.nanoTime() - start) / 1e9;
      Thread.sleep(500); // the listener hears of the last batch asynchronously
      boolean met = true;
      for (StreamingQuery query : queries) {
        long read = report.rows(query.name());
        if (read != count) {
          System.out.printf("bench: FAILED: query %s read %,d tweets of %,d%n", query.name(), read, count);
          return 1;
        }
        met &= verdicts(query.name(), report.batches(query.name()), backlog, batch, count, settings.dedupHorizon());
      }
      double drain = count / wall;
      System.out.printf("bench: drained %,d tweets with every view on in %.1f s from the job's start = %,.0f tweets/s, "
          + "%.3f of the raw consume rate (%,.0f/s); targets: 100,000/s and 0.25%n", count, wall, drain, drain / raw, raw);
      System.out.printf("bench: conditions: %d cores, master %s, Kafka and HBase on the same machine, batches of %,d%n",
          Runtime.getRuntime().availableProcessors(), master, batch);
      // After the job, not before: the job's figure counts from a JVM as cold as a user's job is.
      for (SparkFloor rung : SparkFloor.values()) {
        double rate = rung.rate(spark, settings, report, count);
        System.out.printf("bench: floor: %s, on the job's warm JVM: %,.0f tweets/s, %.2f of the raw consume rate%n",
            rung.what(), rate, rate / raw);
      }
      return met && drain >= 100_000 && drain / raw >= 0.25 ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  /** Prints the batch-time and state verdicts of one query; whether both targets are met. */
  private static boolean verdicts(String query, List<QueryReport.Batch> batches, LongRunBacklog backlog, long batch,
      long count, Duration horizon) {
    if (batches.size() < 21) {
      System.out.printf("bench: %s: only %d batches, too few to compare batches 2-11 with the last 10%n", query, batches.size());
      return false;
    }
    double early = batches.subList(1, 11).stream().mapToLong(QueryReport.Batch::millis).average().orElseThrow();
    double late = batches.subList(batches.size() - 10, batches.size()).stream().mapToLong(QueryReport.Batch::millis).average().orElseThrow();
    boolean flatTime = late <= 1.5 * early;
    System.out.printf("bench: %s: batch time, last 10 %.2f s against batches 2-11 %.2f s = %.2fx (target at most 1.5x): %s%n",
        query, late / 1e3, early / 1e3, late / early, Verdict.of(flatTime));
    long horizonPassed = LongRunBacklog.START.plus(horizon).toEpochMilli();
    long rows = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    int after = 0;
    for (QueryReport.Batch b : batches) {
      rows += b.rows();
      // A short last batch is the backlog's tail, after the watermark moved: not a state of the running job.
      if (b.rows() >= batch / 2 && backlog.millisOf(Math.min(count - 1, rows)) > horizonPassed) {
        min = Math.min(min, b.stateRows());
        max = Math.max(max, b.stateRows());
        after++;
      }
    }
    if (after == 0) {
      System.out.printf("bench: %s: the backlog does not reach past the dedup horizon; no state verdict%n", query);
      return flatTime;
    }
    boolean flatState = max <= 1.1 * min;
    System.out.printf("bench: %s: state rows over the %d batches past the %s horizon of event time: %,d to %,d (%+.1f%%, target within 10%%): %s%n",
        query, after, horizon, min, max, 100.0 * (max - min) / Math.max(1, min), Verdict.of(flatState));
    return flatTime && flatState;
  }
}
