package io.trendtags.stream.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.hll_sketch_estimate;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udaf;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The all-time view's topology, built apart from where it reads and writes so tests can run it on a
 * static DataFrame: tag uses in, running totals per case-folded tag out.
 *
 * <p>State, and why it stays bounded: duplicates (same tweet id) are dropped within {@code horizon}
 * ({@link Dedup}), and each id leaves the state once the horizon has passed it; the totals keep one
 * row per distinct tag and one per (network, tag) ({@link SourcedKeys}), which grows with the vocabulary,
 * not with time. Run in update mode, each batch emits only the tags it changed. Rejected records come out
 * as the row with a null key.
 *
 * <p>A duplicate within the horizon is dropped as long as the partitions' clocks are less than half a
 * horizon apart (the watermark's delay), which Kafka's append times always are.
 *
 * <p>The horizon runs on Kafka's timestamps (the broker's append time on topics TrendTags creates), not
 * on {@code created_at}: Spark drops rows older than a watermark, and all time must count a tweet
 * however late it comes (a backfill of last week, say). Redeliveries, the duplicates that happen,
 * come within minutes of the first delivery in Kafka's time.
 */
public final class AllTimeCounts {

  /** Columns of the result. */
  public static final String KEY = TagUses.KEY;
  public static final String COUNT = "count";
  public static final String AUTHORS = "authors";
  public static final String CASING = TagUses.CASING;
  public static final String LAST_SEEN = "lastSeen";

  /** log2 of the HyperLogLog sketch's buckets: 4,096, about 1.6% relative error past its exact range. */
  static final int SKETCH_LG_K = 12;

  private AllTimeCounts() {}

  /** The topology of a new checkpoint: duplicates dropped by {@link Dedup#TIMERS}. */
  public static Dataset<Row> build(Dataset<TagUse> uses, Duration horizon) {
    return build(uses, horizon, Dedup.TIMERS);
  }

  /** The topology with duplicates dropped by {@code dedup}: the one its checkpoint was made with. */
  public static Dataset<Row> build(Dataset<TagUse> uses, Duration horizon, Dedup dedup) {
    return SourcedKeys.of(dedup.distinct(uses, TagUses.INGEST_TIME, horizon.dividedBy(2)))
        .groupBy(col(TagUses.KEY))
        .agg(count(lit(1)).as(COUNT),
            hll_sketch_agg(col(TagUses.AUTHOR), SKETCH_LG_K).as("authorSketch"),
            udaf(new MostUsedCasing(), Encoders.STRING()).apply(col(TagUses.CASING)).as(CASING),
            max(col(TagUses.EVENT_TIME)).as(LAST_SEEN))
        .select(col(KEY), col(COUNT), hll_sketch_estimate(col("authorSketch")).as(AUTHORS), col(CASING), col(LAST_SEEN));
  }
}
