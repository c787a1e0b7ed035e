package io.trendtags.stream.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.store.MinuteBucket;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

class RecentBucketsTest {

  private static byte[] authors(String... ids) {
    HllSketch sketch = new HllSketch(12);
    for (String id : ids) {
      sketch.update(id);
    }
    return sketch.toCompactByteArray();
  }

  @Test
  void keepsEachWindowsTotalsAndRankingEqualToSummingItsBucketsAsBucketsChangeAndTheClockMoves() {
    Random random = new Random(11);
    RecentBuckets buckets = new RecentBuckets(List.of(15L, 60L), 100);
    Map<String, Map<Long, Long>> truth = new HashMap<>();
    long now = 1_000_000;
    buckets.advance(now);
    for (int step = 0; step < 400; step++) {
      for (int i = 0; i < 5; i++) {
        String key = "t" + random.nextInt(12);
        long minute = now - random.nextInt(30) + random.nextInt(5); // late, on time, and ahead of the clock
        long count = 1 + random.nextInt(9);
        buckets.put(new MinuteBucket(key, minute, key, count, authors("a")));
        truth.computeIfAbsent(key, k -> new HashMap<>()).put(minute, count);
      }
      now += random.nextInt(4) == 0 ? random.nextInt(90) : random.nextInt(2);
      buckets.advance(now);
      for (long w : List.of(15L, 60L)) {
        long from = now - w + 1;
        long to = now;
        List<Map.Entry<String, Long>> expected = truth.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue().entrySet().stream()
                .filter(m -> m.getKey() >= from && m.getKey() <= to).mapToLong(Map.Entry::getValue).sum()))
            .filter(e -> e.getValue() > 0)
            .sorted(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey))
            .limit(5).toList();
        assertThat(buckets.top(w, 5)).as("step %d, window %d", step, w).isEqualTo(expected);
      }
    }
  }

  @Test
  void countsDistinctAuthorsAcrossTheMinutesOfARange() {
    RecentBuckets buckets = new RecentBuckets(List.of(60L), 100);
    buckets.put(new MinuteBucket("java", 10, "Java", 2, authors("alice", "bob")));
    buckets.put(new MinuteBucket("java", 11, "java", 1, authors("bob")));
    buckets.put(new MinuteBucket("java", 12, "Java", 2, authors("carol", "alice")));
    buckets.advance(12);

    assertThat(buckets.authors("java", 10, 12)).isEqualTo(3);
    assertThat(buckets.authors("java", 11, 11)).isEqualTo(1);
    assertThat(buckets.casing("java", 10, 12)).isEqualTo("Java");
    assertThat(buckets.total(60, "java")).isEqualTo(5);
  }

  @Test
  void dropsBucketsOlderThanTheSpan() {
    RecentBuckets buckets = new RecentBuckets(List.of(15L), 30);
    buckets.put(new MinuteBucket("old", 100, "old", 4, authors("a")));
    buckets.advance(100);
    buckets.advance(200);

    assertThat(buckets.count("old", 0, 300)).isZero();
    assertThat(buckets.top(15, 10)).isEmpty();
  }

  @Test
  void forgetsTagsWhoseBucketsLeftTheSpanAndGivesTheirPlaceToNewOnes() {
    RecentBuckets buckets = new RecentBuckets(List.of(15L, 60L), 60);
    for (long minute = 0; minute < 1_000; minute++) {
      // Ten new tags a minute, each seen once: after the span only the last 60 minutes' 600 are held.
      for (int i = 0; i < 10; i++) {
        buckets.put(new MinuteBucket("m" + minute + "t" + i, minute, "M" + minute + "t" + i, 1 + i, authors("a" + i)));
      }
      buckets.advance(minute);
    }
    assertThat(buckets.tagsHeld()).isEqualTo(600);
    assertThat(buckets.count("m999t9", 0, 999)).isEqualTo(10);
    assertThat(buckets.casing("m999t9", 0, 999)).isEqualTo("M999t9");
    assertThat(buckets.count("m939t9", 0, 999)).as("left the span").isZero();
    assertThat(buckets.total(60, "m939t9")).isZero();
    assertThat(buckets.top(15, 3)).containsExactly(
        Map.entry("m985t9", 10L), Map.entry("m986t9", 10L), Map.entry("m987t9", 10L));
    assertThat(buckets.top(60, 700)).hasSize(600).allSatisfy(e -> assertThat(e.getKey()).doesNotStartWith("m939"));
  }

  @Test
  void replacingABucketReplacesItsCountCasingAndAuthors() {
    RecentBuckets buckets = new RecentBuckets(List.of(60L), 100);
    buckets.advance(10);
    buckets.put(new MinuteBucket("java", 10, "java", 1, authors("alice")));
    buckets.put(new MinuteBucket("java", 10, "JAVA", 3, authors("alice", "bob", "carol")));

    assertThat(buckets.total(60, "java")).isEqualTo(3);
    assertThat(buckets.count("java", 10, 10)).isEqualTo(3);
    assertThat(buckets.authors("java", 10, 10)).isEqualTo(3);
    assertThat(buckets.casing("java", 10, 10)).isEqualTo("JAVA");
    assertThat(buckets.takeTouched()).containsExactly("java");
    assertThat(buckets.takeTouched()).isEmpty();
  }

  /**
   * A day's window takes whole hours from kept unions, the surge kept hours' counts, and a range up to the
   * clock a kept union of its minutes before the clock's: each must stay the union of every minute held as
   * buckets of what is kept are replaced or added, as the clock moves, and as minutes leave the span.
   */
  @Test
  void countsAuthorsOverWholeHoursAsTheUnionOfEveryMinuteHeldAsBucketsChangeAndLeave() {
    Random random = new Random(5);
    RecentBuckets buckets = new RecentBuckets(List.of(15L, 60L, 1440L), 1500);
    Map<String, Map<Long, Set<String>>> truth = new HashMap<>();
    long now = 600;
    for (int step = 0; step < 2500; step++) {
      String key = "t" + random.nextInt(6);
      long minute = now - random.nextInt(step % 50 == 0 ? 1400 : 3); // now and then a bucket in an hour kept
      Set<String> authors = new HashSet<>();
      for (int a = random.nextInt(4); a >= 0; a--) {
        authors.add(key + "-author" + random.nextInt(40));
      }
      buckets.put(new MinuteBucket(key, minute, key, authors.size(), authors(authors.toArray(String[]::new))));
      truth.computeIfAbsent(key, k -> new HashMap<>()).put(minute, authors);
      now += random.nextInt(3);
      buckets.advance(now);
      long span = now - 1500;
      truth.values().forEach(byMinute -> byMinute.keySet().removeIf(m -> m <= span));
      for (String tag : List.of(key, "t" + random.nextInt(6))) {
        long hour = Math.floorDiv(now, 60) - random.nextInt(25);
        assertThat(buckets.authorsInHour(tag, hour)).as("step %d, %s in hour %d", step, tag, hour)
            .isEqualTo(distinctAuthors(truth, tag, hour * 60, hour * 60 + 59));
      }
      for (long from : List.of(now - 1439, now - 59, now - 14, now, now - 1439 + random.nextInt(100))) {
        for (String tag : List.of(key, "t" + random.nextInt(6))) {
          assertThat(buckets.authors(tag, from, now)).as("step %d, %s from %d to %d", step, tag, from, now)
              .isEqualTo(distinctAuthors(truth, tag, from, now));
          long to = now - random.nextInt(3);
          assertThat(buckets.authors(tag, from, to)).as("step %d, %s from %d to %d", step, tag, from, to)
              .isEqualTo(distinctAuthors(truth, tag, from, to));
        }
      }
    }
  }

  private static long distinctAuthors(Map<String, Map<Long, Set<String>>> truth, String tag, long from, long to) {
    return truth.getOrDefault(tag, Map.of()).entrySet().stream()
        .filter(m -> m.getKey() >= from && m.getKey() <= to).flatMap(m -> m.getValue().stream()).distinct().count();
  }
}
