package io.trendtags.stream.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.store.MinuteBucket;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
}
