package io.trendtags.stream.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a query drops a post's second use of a tag: each (id, key) is kept while the stream's clock (a time
 * column's watermark) is within two watermark delays of the use's time, and a later use of it in that span
 * is dropped, as Spark's {@code dropDuplicatesWithinWatermark} does. Two operators do it, and a checkpoint
 * keeps the one it was made with (the state of one cannot be read as the other's): a new checkpoint gets
 * {@link #TIMERS}, one made before it goes on with {@link #WITHIN_WATERMARK}. {@link #of} tells them apart.
 */
public enum Dedup {

  /**
   * Spark's {@code dropDuplicatesWithinWatermark}, that of every checkpoint made before {@link #TIMERS}. To
   * evict, it reads its whole state every batch: a batch costs in proportion to the ids held, the rate
   * times two delays (48 h of posts in all time).
   */
  WITHIN_WATERMARK,

  /** {@link FirstUses}: each id leaves by a timer, and a batch reads only the ids whose time has come. */
  TIMERS;

  private static final Logger LOG = LoggerFactory.getLogger(Dedup.class);

  /** The operator name Spark's state metadata gives {@code dropDuplicatesWithinWatermark}. */
  static final String WITHIN_WATERMARK_OPERATOR = "dedupeWithinWatermark";

  /**
   * {@code uses} watermarked on {@code timeColumn} ({@link TagUses#EVENT_TIME} or {@link TagUses#INGEST_TIME})
   * {@code delay} behind its newest time, each (id, key) once: a use whose pair came less than two delays of
   * that clock before it is dropped, and so is a use older than the watermark.
   */
  Dataset<TagUse> distinct(Dataset<TagUse> uses, String timeColumn, Duration delay) {
    Dataset<TagUse> watermarked = uses.withWatermark(timeColumn, delay.toSeconds() + " seconds");
    return switch (this) {
      case WITHIN_WATERMARK -> watermarked.dropDuplicatesWithinWatermark(new String[] {TagUses.ID, TagUses.KEY});
      case TIMERS -> FirstUses.of(watermarked, timeColumn, delay);
    };
  }

  /**
   * The dedup of the query whose checkpoint is {@code checkpoint}, from Spark's state metadata (the
   * {@code state-metadata} source); {@link #TIMERS} for a checkpoint without a committed batch, whose first
   * batch Spark runs again from no state (the job killed in it left state files but no metadata to read).
   */
  public static Dedup of(SparkSession spark, String checkpoint) {
    if (!hasCommittedBatch(spark, checkpoint)) {
      return TIMERS;
    }
    List<Row> operators = spark.read().format("state-metadata").load(checkpoint)
        .select(functions.col("operatorName")).collectAsList();
    if (operators.stream().noneMatch(r -> WITHIN_WATERMARK_OPERATOR.equals(r.getString(0)))) {
      return TIMERS;
    }
    LOG.warn("{} was made with Spark's dropDuplicatesWithinWatermark, which it keeps: each batch reads every id it"
        + " holds, so batches slow down as they grow; a new checkpoint (demo --fresh) drops duplicates by timers", checkpoint);
    return WITHIN_WATERMARK;
  }

  private static boolean hasCommittedBatch(SparkSession spark, String checkpoint) {
    Path commits = new Path(checkpoint, "commits");
    try {
      FileSystem fs = commits.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(commits) && Arrays.stream(fs.listStatus(commits)).anyMatch(f -> f.getPath().getName().matches("\\d+"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
  }
}
