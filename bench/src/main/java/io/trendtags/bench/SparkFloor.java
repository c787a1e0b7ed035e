package io.trendtags.bench;

import io.trendtags.stream.HashtagStream;
import io.trendtags.stream.StreamSettings;
import io.trendtags.stream.query.TagUses;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The floor under the long run's drain rate, in rungs: the same topic in the same batches, read by Spark with
 * nothing after its Kafka source, then with the job's parsing and extraction ({@link TagUses}) and no state,
 * each into Spark's {@code noop} sink. They run after the job, in its JVM and session, so they are Spark at
 * its warmest here: a rate they do not reach, no query of the job reaches on this machine.
 */
enum SparkFloor {

  SOURCE("source", "Spark's Kafka source alone"),
  PARSE("parse", "the source and the job's parsing, no state");

  private final String query;
  private final String what;

  SparkFloor(String query, String what) {
    this.query = query;
    this.what = what;
  }

  /** What the rung runs, for the bench's output. */
  String what() {
    return what;
  }

  /**
   * Drains the topic once through this rung and returns records per second from the query's start; fails if
   * the query did not read all {@code count} records ({@code report} hears its batches).
   */
  double rate(SparkSession spark, StreamSettings settings, QueryReport report, long count) throws Exception {
    long start = System.nanoTime();
    StreamingQuery run = plan().apply(HashtagStream.kafkaRecords(spark, settings)).writeStream()
        .queryName(query)
        .format("noop")
        .option("checkpointLocation", settings.checkpointOf(query))
        .trigger(Trigger.AvailableNow())
        .start();
    run.awaitTermination();
    double seconds = (System.nanoTime() - start) / 1e9;
    Thread.sleep(500); // the listener hears of the last batch asynchronously
    long read = report.rows(query);
    if (read != count) {
      throw new IllegalStateException("the " + query + " query read " + read + " records of " + count);
    }
    return count / seconds;
  }

  private UnaryOperator<Dataset<Row>> plan() {
    return switch (this) {
      case SOURCE -> records -> records;
      case PARSE -> records -> TagUses.of(records).toDF();
    };
  }
}
