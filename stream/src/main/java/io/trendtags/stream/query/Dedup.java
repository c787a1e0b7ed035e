package io.trendtags.stream.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * is dropped, as Spark's {@code dropDuplicatesWithinWatermark} does. Three operators have done it, and a
 * checkpoint keeps the one it was made with (the state of one cannot be read as another's): a new checkpoint
 * gets {@link #TIMERS}; {@link #of} tells them apart.
 */
public enum Dedup {

  /**
   * Spark's {@code dropDuplicatesWithinWatermark}, that of every checkpoint made before {@link #PAIR_TIMERS}. To
   * evict, it reads its whole state every batch: a batch costs in proportion to the ids held, the rate
   * times two delays (48 h of posts in all time).
   */
  WITHIN_WATERMARK,

  /**
   * {@link FirstUsesByPair}, that of the checkpoints made on 2026-12-04: a flag and a timer per (id, key), where
   * {@link #TIMERS} writes them once per post.
   */
  PAIR_TIMERS,

  /** {@link FirstUses}: each post leaves by a timer, and a batch reads only the posts whose time has come. */
  TIMERS;

  private static final Logger LOG = LoggerFactory.getLogger(Dedup.class);

  /** The operator name Spark's state metadata gives {@code dropDuplicatesWithinWatermark}. */
  static final String WITHIN_WATERMARK_OPERATOR = "dedupeWithinWatermark";

  /** The state variable {@link FirstUsesByPair} holds its flag in, by which Spark's state metadata tells it apart. */
  static final String PAIR_TIMERS_STATE = "seen";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * {@code uses} watermarked on {@code timeColumn} ({@link TagUses#EVENT_TIME} or {@link TagUses#INGEST_TIME})
   * {@code delay} behind its newest time, each (id, key) once: a use whose pair came less than two delays of
   * that clock before it is dropped, and so is a use older than the watermark.
   */
  Dataset<TagUse> distinct(Dataset<TagUse> uses, String timeColumn, Duration delay) {
    Dataset<TagUse> watermarked = uses.withWatermark(timeColumn, delay.toSeconds() + " seconds");
    return switch (this) {
      case WITHIN_WATERMARK -> watermarked.dropDuplicatesWithinWatermark(new String[] {TagUses.ID, TagUses.KEY});
      case PAIR_TIMERS -> FirstUsesByPair.of(watermarked, timeColumn, delay);
      case TIMERS -> FirstUses.of(watermarked, timeColumn, delay);
    };
  }

  /**
   * The dedup of the query whose checkpoint is {@code checkpoint}, from Spark's state metadata (the
   * {@code state-metadata} source: each operator's name and, for {@code transformWithState}, its state
   * variables); {@link #TIMERS} for a checkpoint without a committed batch, whose first batch Spark runs again
   * from no state (the job killed in it left state files but no metadata to read).
   */
  public static Dedup of(SparkSession spark, String checkpoint) {
    if (!hasCommittedBatch(spark, checkpoint)) {
      return TIMERS;
    }
    List<Row> operators = spark.read().format("state-metadata").load(checkpoint)
        .select(functions.col("operatorName"), functions.col("operatorProperties")).collectAsList();
    if (operators.stream().anyMatch(r -> WITHIN_WATERMARK_OPERATOR.equals(r.getString(0)))) {
      LOG.warn("{} was made with Spark's dropDuplicatesWithinWatermark, which it keeps: each batch reads every id"
          + " it holds, so batches slow down as they grow; a new checkpoint (demo --fresh) drops duplicates by"
          + " timers", checkpoint);
      return WITHIN_WATERMARK;
    }
    if (operators.stream().anyMatch(r -> stateVariables(r.getString(1)).contains(PAIR_TIMERS_STATE))) {
      LOG.info("{} drops duplicates by a timer per (post, tag), which it keeps; a new checkpoint sets one per post",
          checkpoint);
      return PAIR_TIMERS;
    }
    return TIMERS;
  }

  /** The state variables' names in an operator's properties (JSON; null for an operator without them). */
  private static Set<String> stateVariables(String operatorProperties) {
    if (operatorProperties == null) {
      return Set.of();
    }
    try {
      Set<String> names = new HashSet<>();
      JSON.readTree(operatorProperties).path("stateVariables").forEach(v -> names.add(v.path("stateName").asText()));
      return names;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable state metadata in a checkpoint: " + e.getOriginalMessage(), e);
    }
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
