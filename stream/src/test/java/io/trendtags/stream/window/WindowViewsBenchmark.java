package io.trendtags.stream.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.top.TagCount;
import io.trendtags.store.MinuteBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

/**
 * What ranking each window view costs the job's driver per batch and source ({@link WindowSink#window}: the
 * top 100 by count, then each one's casing and distinct authors over the window) once a day of buckets is
 * held, as in a job that has run for a day. A measurement, not a test: its name keeps it out of
 * {@code mvn test}. Run it with
 * {@code ./mvnw -o -pl stream test -Dtest=WindowViewsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Duses=3000} for the demo's default rate; the default, 60,000 tag uses a minute, is about 1,000
 * posts/s).
 *
 * <p>The timeline: 2,000 tags whose uses follow Zipf's law, each written by a circle of 300 authors, so the
 * top tags' minute sketches hold hundreds of authors, as on a busy timeline. A day of minutes is put, then
 * the clock moves a minute at a time through 90 more, each minute's buckets put and every window ranked.
 */
class WindowViewsBenchmark {

  private static final int TAGS = 2_000;
  private static final int CIRCLE = 300;
  private static final long DAY = 1_440;
  private static final int MEASURED_MINUTES = 90;

  @Test
  void measure() {
    int usesPerMinute = Integer.getInteger("uses", 60_000);
    Random random = new Random(7);
    double[] zipf = new double[TAGS];
    double sum = 0;
    for (int i = 0; i < TAGS; i++) {
      sum += 1.0 / (i + 1);
      zipf[i] = sum;
    }
    RecentBuckets buckets = new RecentBuckets(List.of(15L, 60L, DAY), WindowSink.SPAN.toMinutes());
    long started = System.nanoTime();
    for (long minute = 0; minute < DAY; minute++) {
      putMinute(buckets, minute, usesPerMinute, zipf, random);
    }
    System.out.printf("a day of buckets (%,d tag uses a minute, %,d tags) put in %.1f s%n", usesPerMinute,
        buckets.tagsHeld(), (System.nanoTime() - started) / 1e9);

    Map<Long, List<Double>> millis = new HashMap<>();
    long shown = 0;
    for (long minute = DAY; minute < DAY + MEASURED_MINUTES; minute++) {
      putMinute(buckets, minute, usesPerMinute, zipf, random);
      for (long window : List.of(15L, 60L, DAY)) {
        long t0 = System.nanoTime();
        List<TagCount> top = WindowSink.window(buckets, window, minute);
        millis.computeIfAbsent(window, w -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
        shown += top.stream().mapToLong(TagCount::authors).sum();
      }
    }
    assertThat(shown).as("the views show authors").isPositive();
    for (long window : List.of(15L, 60L, DAY)) {
      double[] sorted = millis.get(window).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf("window of %4d minutes: ranked in %6.1f ms at the median, %6.1f ms at p90, %6.1f ms at most"
              + " (%d minutes)%n", window, median(sorted), sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1],
          sorted.length);
    }
  }

  private static double median(double[] sorted) {
    return sorted[sorted.length / 2];
  }

  private static void putMinute(RecentBuckets buckets, long minute, int uses, double[] zipf, Random random) {
    Map<Integer, HllSketch> authors = new HashMap<>();
    Map<Integer, Long> counts = new HashMap<>();
    for (int u = 0; u < uses; u++) {
      int tag = Arrays.binarySearch(zipf, random.nextDouble() * zipf[zipf.length - 1]);
      int t = tag < 0 ? -tag - 1 : tag;
      authors.computeIfAbsent(t, x -> new HllSketch(12)).update("author" + t + "-" + random.nextInt(CIRCLE));
      counts.merge(t, 1L, Long::sum);
    }
    authors.forEach((t, sketch) -> buckets.put(
        new MinuteBucket("tag" + t, minute, "Tag" + t, counts.get(t), sketch.toCompactByteArray())));
    buckets.advance(minute);
  }
}
