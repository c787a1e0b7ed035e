package io.trendtags.stream.window;

import io.trendtags.core.top.CasingVotes;
import io.trendtags.store.MinuteBucket;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * The minute buckets of every tag over the span the views need (the last 25 hours of event time), kept
 * on the driver so that any window is a sum over a tag's buckets, and its distinct authors a union of
 * their sketches. Buckets are replaced, never added to: a batch re-run after a crash puts the same
 * values again. Not thread-safe: the stream's driver updates it once per batch.
 */
final class RecentBuckets {

  private record Bucket(String casing, long count, HllSketch authors) {}

  private final Map<String, NavigableMap<Long, Bucket>> byKey = new HashMap<>();

  void put(MinuteBucket b) {
    HllSketch authors = HllSketch.heapify(Memory.wrap(b.authors()));
    byKey.computeIfAbsent(b.key(), k -> new TreeMap<>()).put(b.minute(), new Bucket(b.casing(), b.count(), authors));
  }

  /** Drops every bucket before {@code minute}, and tags left with none. */
  void evictBefore(long minute) {
    byKey.values().removeIf(buckets -> {
      buckets.headMap(minute, false).clear();
      return buckets.isEmpty();
    });
  }

  Set<String> keys() {
    return byKey.keySet();
  }

  /** Tweets with {@code key} in minutes {@code from} to {@code to}, both included. */
  long count(String key, long from, long to) {
    long sum = 0;
    for (Bucket b : range(key, from, to).values()) {
      sum += b.count;
    }
    return sum;
  }

  /** Distinct authors of {@code key} in minutes {@code from} to {@code to}, both included. */
  long authors(String key, long from, long to) {
    NavigableMap<Long, Bucket> range = range(key, from, to);
    if (range.isEmpty()) {
      return 0;
    }
    Union union = new Union(range.firstEntry().getValue().authors.getLgConfigK());
    range.values().forEach(b -> union.update(b.authors));
    return Math.round(union.getEstimate());
  }

  /** The casing used most by {@code key} in minutes {@code from} to {@code to}. */
  String casing(String key, long from, long to) {
    CasingVotes votes = new CasingVotes();
    range(key, from, to).values().forEach(b -> votes.add(b.casing, b.count));
    return votes.mostUsed();
  }

  private NavigableMap<Long, Bucket> range(String key, long from, long to) {
    NavigableMap<Long, Bucket> buckets = byKey.get(key);
    return buckets == null ? new TreeMap<>() : buckets.subMap(from, true, to, true);
  }
}
