package io.trendtags.stream.query;

import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;

/**
 * What the dedups by timers share ({@link FirstUses}, {@link FirstUsesByPair}): a {@code transformWithState}
 * in event time on the watermarked time column, whose state for a key is forgotten when a timer set a
 * watermark delay past the use's time fires.
 */
abstract class TimedFirstUses extends StatefulProcessor<String, TagUse, TagUse> {

  private final boolean ingestTime;
  private final long delayMs;

  TimedFirstUses(String timeColumn, Duration delay) {
    this.ingestTime = TagUses.INGEST_TIME.equals(timeColumn);
    this.delayMs = delay.toMillis();
  }

  /** {@code watermarked} (on {@code timeColumn}) through {@code processor}, its state keyed by {@code key}. */
  static Dataset<TagUse> apply(Dataset<TagUse> watermarked, String timeColumn, MapFunction<TagUse, String> key,
      TimedFirstUses processor) {
    return watermarked.groupByKey(key, Encoders.STRING())
        .transformWithState(processor, timeColumn, OutputMode.Append(), Encoders.bean(TagUse.class));
  }

  /** When the state {@code use} made is forgotten: a watermark delay past its time (in ms). */
  final long expiry(TagUse use) {
    return (ingestTime ? use.getIngestTime() : use.getEventTime()).getTime() + delayMs;
  }
}
