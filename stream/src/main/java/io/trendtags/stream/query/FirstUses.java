package io.trendtags.stream.query;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The first use of each (post id, tag), as {@link Dedup#TIMERS}: a {@code transformWithState} whose state
 * per pair is one flag and an event-time timer. The timer is set a watermark delay past the use's time, and
 * fires once the watermark (the newest time less that delay) passes it: the pair is then forgotten, two
 * delays after its use, as {@code dropDuplicatesWithinWatermark} forgets it. Spark keeps the timers ordered
 * by time, so a batch reads only the timers that are due; {@code dropDuplicatesWithinWatermark} reads every
 * id it holds, every batch, to find them.
 *
 * <p>The output's time column carries the watermark on, so a windowed aggregation after it evicts as it did
 * after {@code dropDuplicatesWithinWatermark}.
 */
final class FirstUses extends StatefulProcessor<String, TagUse, TagUse> {

  private final boolean ingestTime;
  private final long delayMs;
  private transient ValueState<Boolean> seen;

  private FirstUses(boolean ingestTime, long delayMs) {
    this.ingestTime = ingestTime;
    this.delayMs = delayMs;
  }

  /** {@code watermarked} (on {@code timeColumn}, {@code delay} behind) with each (id, key) once. */
  static Dataset<TagUse> of(Dataset<TagUse> watermarked, String timeColumn, Duration delay) {
    FirstUses processor = new FirstUses(TagUses.INGEST_TIME.equals(timeColumn), delay.toMillis());
    return watermarked
        .groupByKey((MapFunction<TagUse, String>) FirstUses::pair, Encoders.STRING())
        .transformWithState(processor, timeColumn, OutputMode.Append(), Encoders.bean(TagUse.class));
  }

  /** The grouping key: the id, then the key (none for a rejected record). Neither holds a NUL. */
  private static String pair(TagUse use) {
    return use.getKey() == null ? use.getId() : use.getId() + '\0' + use.getKey();
  }

  @Override
  public void init(OutputMode outputMode, TimeMode timeMode) {
    seen = getHandle().getValueState("seen", Encoders.BOOLEAN(), TTLConfig.NONE());
  }

  @Override
  public Iterator<TagUse> handleInputRows(String pair, Iterator<TagUse> uses, TimerValues timers) {
    if (seen.exists()) {
      return CollectionConverters.asScala(Collections.emptyIterator());
    }
    TagUse first = uses.next();
    seen.update(Boolean.TRUE);
    long time = (ingestTime ? first.getIngestTime() : first.getEventTime()).getTime();
    getHandle().registerTimer(time + delayMs);
    return CollectionConverters.asScala(List.of(first).iterator());
  }

  @Override
  public Iterator<TagUse> handleExpiredTimer(String pair, TimerValues timers, ExpiredTimerInfo expired) {
    seen.clear();
    return CollectionConverters.asScala(Collections.emptyIterator());
  }
}
