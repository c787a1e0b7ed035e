package io.trendtags.stream.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.top.TagCount;
import io.trendtags.store.MinuteBucket;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

/** The score against the baseline of the clock hours before the last hour's, and what lies outside both. */
class SurgeTest {

  private static MinuteBucket bucket(String key, long minute, int authors, String prefix) {
    HllSketch sketch = new HllSketch(12);
    IntStream.range(0, authors).forEach(a -> sketch.update(prefix + a));
    return new MinuteBucket(key, minute, key, authors, sketch.toCompactByteArray());
  }

  @Test
  void scoresTheLastHourAgainstTheClockHoursBeforeTheOneItBeginsIn() {
    RecentBuckets buckets = new RecentBuckets(List.of(15L, 60L, 1440L), WindowSink.SPAN.toMinutes());
    long now = 30 * 60 + 30; // minute 30 of hour 30: the last hour begins in hour 29, the baseline is hours 5 to 28
    for (long hour = 5; hour <= 28; hour++) {
      buckets.put(bucket("java", hour * 60 + 10, 2, "hour" + hour + "-"));
    }
    buckets.put(bucket("java", 4 * 60 + 59, 100, "before-")); // before the baseline
    buckets.put(bucket("java", 29 * 60 + 30, 50, "gap-")); // in hour 29 but before the last hour: in neither
    buckets.put(bucket("java", now - 59, 4, "first-")); // the last hour's first minute
    buckets.put(bucket("java", now, 6, "now-"));
    buckets.advance(now);

    List<TagCount> surging = new Surge(SurgeSettings.DEFAULTS).update(buckets, now, Set.of("java"), 10);

    // O = 10 authors, E = 48 authors / 24 hours = 2: (10 - 2)^2 / 2
    assertThat(surging).containsExactly(new TagCount("java", 10, 10, 32.0));
  }
}
