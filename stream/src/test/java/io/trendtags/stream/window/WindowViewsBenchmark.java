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
 * What the windows query's driver spends per batch and source on the views once a day of buckets is held, as
 * in a job that has run for a day: each window's ranking ({@link WindowSink#window}: the top 100 by count, then
 * each one's casing and distinct authors over the window) and the surge ({@link Surge#update}). A measurement,
 * not a test: its name keeps it out of {@code mvn test}. Run it with
 * {@code ./mvnw -o -pl stream test -Dtest=WindowViewsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Duses=3000} for about the demo's default rate; the default, 60,000 tag uses a minute, is about
 * 1,000 posts/s; {@code -Dminutes=} the minutes measured, 3 by default).
 *
 * <p>The timeline: 2,000 tags whose uses follow Zipf's law, each written by a circle of 300 authors, so the
 * top tags' minute sketches hold hundreds of authors, as on a busy timeline. A day of minutes is put at once,
 * then the clock goes on a second at a time, as the job's one-second batches: each batch puts the buckets its
 * uses changed (their minute's count and authors so far), then ranks every view, as {@link WindowSink} does.
 */
class WindowViewsBenchmark {

  private static final int TAGS = 2_000;
  private static final int CIRCLE = 300;
  private static final long DAY = 1_440;
  private static final int BATCHES_A_MINUTE = 60;
  private static final List<Long> WINDOWS = List.of(15L, 60L, DAY);

  private final Random random = new Random(7);
  private final double[] zipf = new double[TAGS];

  @Test
  void measure() {
    int usesPerMinute = Integer.getInteger("uses", 60_000);
    int minutes = Integer.getInteger("minutes", 3);
    double sum = 0;
    for (int i = 0; i < TAGS; i++) {
      sum += 1.0 / (i + 1);
      zipf[i] = sum;
    }
    RecentBuckets buckets = new RecentBuckets(WINDOWS, WindowSink.SPAN.toMinutes());
    long started = System.nanoTime();
    for (long minute = 0; minute < DAY; minute++) {
      new Minute(minute).use(usesPerMinute).putInto(buckets);
      buckets.advance(minute);
    }
    System.out.printf("a day of buckets (%,d tag uses a minute, %,d tags) put in %.1f s%n", usesPerMinute,
        buckets.tagsHeld(), (System.nanoTime() - started) / 1e9);

    Surge surge = new Surge(SurgeSettings.DEFAULTS);
    long first = System.nanoTime();
    surge.update(buckets, DAY - 1, buckets.takeTouched(), 100);
    System.out.printf("the surge's first batch, scoring every tag (as after a restart): %.1f s%n",
        (System.nanoTime() - first) / 1e9);
    Map<String, List<Double>> millis = new HashMap<>();
    long shown = 0;
    for (long minute = DAY; minute < DAY + minutes; minute++) {
      Minute now = new Minute(minute);
      for (int batch = 0; batch < BATCHES_A_MINUTE; batch++) {
        now.use(usesPerMinute / BATCHES_A_MINUTE).putInto(buckets);
        buckets.advance(minute);
        for (long window : WINDOWS) {
          long t0 = System.nanoTime();
          shown += WindowSink.window(buckets, window, minute).stream().mapToLong(TagCount::authors).sum();
          millis.computeIfAbsent(window + " minutes", w -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
        }
        long t0 = System.nanoTime();
        shown += surge.update(buckets, minute, buckets.takeTouched(), 100).size();
        millis.computeIfAbsent("surge", w -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
      }
    }
    assertThat(shown).as("the views show tags and authors").isPositive();
    System.out.printf("per batch, %d batches of a second:%n", minutes * BATCHES_A_MINUTE);
    System.out.printf("kept by AuthorUnions: %,d unions, counts and tails, %.1f MB of sketches%n",
        buckets.authorUnions().size(), buckets.authorUnions().sketchBytes() / 1e6);
    millis.forEach((view, times) -> {
      double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf("  %-13s %7.1f ms at the median, %7.1f ms at p90, %7.1f ms at most%n", view,
          sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[sorted.length - 1]);
    });
  }

  /** The buckets of one minute as its uses come: each tag's count and author sketch so far. */
  private final class Minute {
    final long minute;
    final Map<Integer, HllSketch> authors = new HashMap<>();
    final Map<Integer, Long> counts = new HashMap<>();
    final List<Integer> changed = new ArrayList<>();

    Minute(long minute) {
      this.minute = minute;
    }

    Minute use(int uses) {
      changed.clear();
      for (int u = 0; u < uses; u++) {
        int found = Arrays.binarySearch(zipf, random.nextDouble() * zipf[zipf.length - 1]);
        int tag = found < 0 ? -found - 1 : found;
        authors.computeIfAbsent(tag, t -> new HllSketch(12)).update("author" + tag + "-" + random.nextInt(CIRCLE));
        counts.merge(tag, 1L, Long::sum);
        changed.add(tag);
      }
      return this;
    }

    void putInto(RecentBuckets buckets) {
      changed.stream().distinct().forEach(tag -> buckets.put(new MinuteBucket("tag" + tag, minute, "Tag" + tag,
          counts.get(tag), authors.get(tag).toCompactByteArray())));
    }
  }
}
