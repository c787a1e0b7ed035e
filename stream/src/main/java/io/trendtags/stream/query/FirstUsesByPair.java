package io.trendtags.stream.query;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The first use of each (post id, tag), as {@link Dedup#PAIR_TIMERS}: what {@link FirstUses} does, keyed by
 * the pair rather than by the post. Kept for the checkpoints made with it (2026-12-04), whose state is one
 * flag and one timer per pair; a new checkpoint gets {@link FirstUses}, which writes them once per post.
 */
final class FirstUsesByPair extends TimedFirstUses {

  private transient ValueState<Boolean> seen;

  private FirstUsesByPair(String timeColumn, Duration delay) {
    super(timeColumn, delay);
  }

  /** {@code watermarked} (on {@code timeColumn}, {@code delay} behind) with each (id, key) once. */
  static Dataset<TagUse> of(Dataset<TagUse> watermarked, String timeColumn, Duration delay) {
    return apply(watermarked, timeColumn, FirstUsesByPair::pair, new FirstUsesByPair(timeColumn, delay));
  }

  /** The grouping key: the id, then the key (none for a rejected record). Neither holds a NUL. */
  private static String pair(TagUse use) {
    return use.getKey() == null ? use.getId() : use.getId() + '\0' + use.getKey();
  }

  @Override
  public void init(OutputMode outputMode, TimeMode timeMode) {
    seen = getHandle().getValueState(Dedup.PAIR_TIMERS_STATE, Encoders.BOOLEAN(), TTLConfig.NONE());
  }

  @Override
  public Iterator<TagUse> handleInputRows(String pair, Iterator<TagUse> uses, TimerValues timers) {
    if (seen.exists()) {
      return CollectionConverters.asScala(Collections.emptyIterator());
    }
    TagUse first = uses.next();
    seen.update(Boolean.TRUE);
    getHandle().registerTimer(expiry(first));
    return CollectionConverters.asScala(List.of(first).iterator());
  }

  @Override
  public Iterator<TagUse> handleExpiredTimer(String pair, TimerValues timers, ExpiredTimerInfo expired) {
    seen.clear();
    return CollectionConverters.asScala(Collections.emptyIterator());
  }
}
