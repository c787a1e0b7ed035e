package io.trendtags.stream.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * The first use of each (post id, tag), as {@link Dedup#TIMERS}: a {@code transformWithState} in event time,
 * keyed by the post, whose state is the keys the post has used and one timer, set a watermark delay past its
 * first use's time. The timer fires once the watermark (the newest time less that delay) passes it, and the
 * post is forgotten: two delays after its first use, as {@code dropDuplicatesWithinWatermark} forgets it.
 * Spark keeps the timers ordered by time, so a batch reads only the timers that are due, where
 * {@code dropDuplicatesWithinWatermark} reads every id it holds, every batch, to find them.
 *
 * <p>One state row and one timer per post, not per (post, tag) as {@link FirstUsesByPair}: a post's uses come
 * in one record, so they are written once. A redelivery that adds a tag counts that tag, which the post then
 * holds until its first use's timer.
 *
 * <p>The output's time column carries the watermark on, so a windowed aggregation after it evicts as it did
 * after {@code dropDuplicatesWithinWatermark}.
 */
final class FirstUses extends TimedFirstUses {

  /** Joins the keys in the state: a key (a case-folded tag) holds no NUL. */
  private static final String SEPARATOR = "\0";

  /** The key a rejected record's row (a null key) holds in the state: a tag's key is never empty. */
  private static final String REJECTED = "";

  private transient ValueState<String> keys;

  private FirstUses(String timeColumn, Duration delay) {
    super(timeColumn, delay);
  }

  /** {@code watermarked} (on {@code timeColumn}, {@code delay} behind) with each (id, key) once. */
  static Dataset<TagUse> of(Dataset<TagUse> watermarked, String timeColumn, Duration delay) {
    return apply(watermarked, timeColumn, TagUse::getId, new FirstUses(timeColumn, delay));
  }

  @Override
  public void init(OutputMode outputMode, TimeMode timeMode) {
    keys = getHandle().getValueState("keys", Encoders.STRING(), TTLConfig.NONE());
  }

  @Override
  public Iterator<TagUse> handleInputRows(String id, Iterator<TagUse> uses, TimerValues timers) {
    String held = keys.get(); // null for a post not seen: one read either way
    Set<String> known = held == null ? new HashSet<>() : new HashSet<>(Arrays.asList(held.split(SEPARATOR, -1)));
    List<TagUse> first = new ArrayList<>();
    while (uses.hasNext()) {
      TagUse use = uses.next();
      if (known.add(use.getKey() == null ? REJECTED : use.getKey())) {
        first.add(use);
      }
    }
    if (first.isEmpty()) {
      return CollectionConverters.asScala(Collections.emptyIterator());
    }
    keys.update(String.join(SEPARATOR, known));
    if (held == null) {
      getHandle().registerTimer(expiry(first.get(0)));
    }
    return CollectionConverters.asScala(first.iterator());
  }

  @Override
  public Iterator<TagUse> handleExpiredTimer(String id, TimerValues timers, ExpiredTimerInfo expired) {
    keys.clear();
    return CollectionConverters.asScala(Collections.emptyIterator());
  }
}
