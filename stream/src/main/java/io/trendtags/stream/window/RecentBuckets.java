package io.trendtags.stream.window;

import io.trendtags.core.top.CasingVotes;
import io.trendtags.store.MinuteBucket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * The minute buckets of every tag over the span the views need (the last 25 hours of event time), kept
 * on the driver, with each window's running totals and ranking maintained as buckets change and as the
 * clock moves: a batch costs what it changed plus the buckets that crossed a window's edge, not the
 * number of tags of the day. Buckets are replaced, never added to, so a batch re-run after a crash puts
 * the same values again.
 *
 * <p>A window of W minutes ending at minute {@code now} holds the buckets of minutes {@code now - W + 1}
 * to {@code now}. Author sketches stay serialized until a union needs them. Not thread-safe: the
 * stream's driver updates it once per batch.
 */
final class RecentBuckets {

  private record Bucket(String casing, long count, byte[] authors) {}

  /**
   * One window's running totals, and its tags ranked by them (highest first, ties by key). Changes are
   * summed per tag first and reach the ranking once per tag when it is read: a batch of a backlog moves
   * each bucket in and out of every window, and one ranking update per tag instead of per bucket is what
   * the profile of the long-run benchmark asked for.
   */
  private static final class Window {
    final long minutes;
    final Map<String, Long> totals = new HashMap<>();
    final Map<String, Long> pending = new HashMap<>();
    final TreeSet<Map.Entry<String, Long>> ranked = new TreeSet<>(
        Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
            .thenComparing(Map.Entry::getKey));

    Window(long minutes) {
      this.minutes = minutes;
    }

    void add(String key, long delta) {
      if (delta != 0) {
        pending.merge(key, delta, Long::sum);
      }
    }

    /** Applies the pending changes to the totals and the ranking. */
    Window settled() {
      pending.forEach((key, delta) -> {
        if (delta == 0) {
          return;
        }
        Long had = totals.get(key);
        long now = (had == null ? 0 : had) + delta;
        if (had != null) {
          ranked.remove(Map.entry(key, had));
        }
        if (now == 0) {
          totals.remove(key);
        } else {
          totals.put(key, now);
          ranked.add(Map.entry(key, now));
        }
      });
      pending.clear();
      return this;
    }
  }

  private final long spanMinutes;
  private final Map<String, NavigableMap<Long, Bucket>> byKey = new HashMap<>();
  private final TreeMap<Long, Map<String, Bucket>> byMinute = new TreeMap<>();
  private final Map<Long, Window> windows = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private long now = Long.MIN_VALUE;

  /**
   * @param windowMinutes the windows to keep totals for
   * @param spanMinutes how far back buckets are kept (at least the longest window)
   */
  RecentBuckets(List<Long> windowMinutes, long spanMinutes) {
    windowMinutes.forEach(w -> windows.put(w, new Window(w)));
    this.spanMinutes = spanMinutes;
  }

  /** Puts a bucket, replacing the one of the same (tag, minute). */
  void put(MinuteBucket b) {
    Bucket bucket = new Bucket(b.casing(), b.count(), b.authors());
    Bucket old = byKey.computeIfAbsent(b.key(), k -> new TreeMap<>()).put(b.minute(), bucket);
    byMinute.computeIfAbsent(b.minute(), m -> new HashMap<>()).put(b.key(), bucket);
    touched.add(b.key());
    long delta = b.count() - (old == null ? 0 : old.count);
    for (Window w : windows.values()) {
      if (inWindow(b.minute(), w)) {
        w.add(b.key(), delta);
      }
    }
  }

  /** Moves the windows' end to minute {@code to} (never back), and drops buckets past the span. */
  void advance(long to) {
    if (to <= now) {
      return;
    }
    long from = now;
    now = to;
    if (from != Long.MIN_VALUE) {
      for (Window w : windows.values()) {
        // The window was (from - W, from] and is now (to - W, to]: the buckets that left it, and those that
        // entered. A jump longer than the window (a backlog's batch spans hours) visits each bucket once.
        forEachBucket(from - w.minutes, Math.min(from, to - w.minutes), (key, bucket) -> w.add(key, -bucket.count));
        forEachBucket(Math.max(from, to - w.minutes), to, (key, bucket) -> w.add(key, bucket.count));
      }
    } else {
      for (Window w : windows.values()) {
        forEachBucket(to - w.minutes, to, (key, bucket) -> w.add(key, bucket.count));
      }
    }
    Iterator<Map.Entry<Long, Map<String, Bucket>>> old = byMinute.headMap(to - spanMinutes, true).entrySet().iterator();
    while (old.hasNext()) {
      Map.Entry<Long, Map<String, Bucket>> minute = old.next();
      for (String key : minute.getValue().keySet()) {
        NavigableMap<Long, Bucket> buckets = byKey.get(key);
        buckets.remove(minute.getKey());
        if (buckets.isEmpty()) {
          byKey.remove(key);
        }
      }
      old.remove();
    }
  }

  private interface BucketAction {
    void apply(String key, Bucket bucket);
  }

  /** Every bucket of minutes after {@code after} up to and including {@code upTo}. */
  private void forEachBucket(long after, long upTo, BucketAction action) {
    if (upTo <= after) {
      return;
    }
    for (Map<String, Bucket> minute : byMinute.subMap(after, false, upTo, true).values()) {
      minute.forEach(action::apply);
    }
  }

  private boolean inWindow(long minute, Window w) {
    return now != Long.MIN_VALUE && minute <= now && minute > now - w.minutes;
  }

  long now() {
    return now;
  }

  /** The {@code n} tags with the highest totals in the window of {@code minutes}: key and total. */
  List<Map.Entry<String, Long>> top(long minutes, int n) {
    List<Map.Entry<String, Long>> top = new ArrayList<>(n);
    for (Map.Entry<String, Long> e : windows.get(minutes).settled().ranked) {
      if (top.size() == n) {
        break;
      }
      top.add(e);
    }
    return top;
  }

  /** The total of {@code key} in the window of {@code minutes}. */
  long total(long minutes, String key) {
    return windows.get(minutes).settled().totals.getOrDefault(key, 0L);
  }

  /** The tags whose buckets changed since the last call. */
  Set<String> takeTouched() {
    Set<String> taken = new HashSet<>(touched);
    touched.clear();
    return taken;
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
    Union union = null;
    for (Bucket b : range.values()) {
      HllSketch sketch = HllSketch.heapify(Memory.wrap(b.authors));
      if (union == null) {
        union = new Union(sketch.getLgConfigK());
      }
      union.update(sketch);
    }
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
