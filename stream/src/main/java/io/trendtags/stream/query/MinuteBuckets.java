package io.trendtags.stream.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The windows' topology: tag uses in, per (one-minute bucket of event time, tag) the tweets, a sketch
 * of their authors and the casing used most, for every source and for each network ({@link SourcedKeys}).
 * Longer windows (15 min, 1 h, 24 h, the surge's hours) are
 * composed from these buckets on the driver, which is far cheaper than Spark's sliding windows (a
 * 24-hour window sliding by a minute would copy each row 1,440 times).
 *
 * <p>Event time with an allowed lateness: the watermark trails the newest {@code eventTime} by
 * {@code lateness}; a bucket closes, and its state is evicted, once the watermark passes its end; a
 * tweet older than the watermark is dropped here (it still counts in all time). Duplicates are dropped
 * within the same lateness, which is enough: a duplicate whose original has left the dedup state is
 * older than the watermark, and dropped as late.
 */
public final class MinuteBuckets {

  public static final String BUCKET = "bucket";
  public static final String KEY = TagUses.KEY;
  public static final String COUNT = "count";
  public static final String AUTHORS = "authors";
  public static final String CASING = TagUses.CASING;
  public static final String LAST_SEEN = "lastSeen";

  private MinuteBuckets() {}

  /**
   * Rows {@code bucket} (start, timestamp), {@code key}, {@code count}, {@code authors} (sketch), {@code casing},
   * {@code lastSeen}; duplicates dropped by {@code dedup}: the one its checkpoint was made with.
   */
  public static Dataset<Row> build(Dataset<TagUse> uses, Duration lateness, Dedup dedup) {
    Dataset<TagUse> distinct = dedup.distinct(uses.filter(col(TagUses.KEY).isNotNull()), TagUses.EVENT_TIME, lateness);
    return SourcedKeys.of(distinct)
        .groupBy(window(col(TagUses.EVENT_TIME), "1 minute").as("w"), col(TagUses.KEY))
        .agg(count(lit(1)).as(COUNT),
            hll_sketch_agg(col(TagUses.AUTHOR), AllTimeCounts.SKETCH_LG_K).as(AUTHORS),
            udaf(new MostUsedCasing(), Encoders.STRING()).apply(col(TagUses.CASING)).as(CASING),
            max(col(TagUses.EVENT_TIME)).as(LAST_SEEN))
        .select(col("w.start").as(BUCKET), col(KEY), col(COUNT), col(AUTHORS), col(CASING), col(LAST_SEEN));
  }
}
