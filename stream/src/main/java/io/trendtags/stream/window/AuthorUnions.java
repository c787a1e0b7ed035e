package io.trendtags.stream.window;

import com.carrotsearch.hppc.IntLongHashMap;
import com.carrotsearch.hppc.IntObjectHashMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * A tag's distinct authors over minutes, from unions of its minute sketches, with what a batch would otherwise
 * union again kept: each window ranks 100 tags and the surge scores every tag a batch touched against its last
 * hour and the 24 clock hours before it, every batch, and at 1,000 posts/s, a day into a run, those unions took
 * 2.9 s of the driver per batch and source ({@code WindowViewsBenchmark}). Kept:
 * <ul>
 *   <li>each whole clock hour's union (a sketch) of a tag a window asked for: a day's window unions 24 of them
 *       and the odd minutes at its ends, not 1,440 minute sketches;
 *   <li>each whole clock hour's count (a number) of a tag the surge asked for, its baseline;
 *   <li>for a range that ends at the clock's minute (every window's, the surge's last hour), the union of its
 *       minutes before the clock's (a tail), so that each batch of that minute adds the clock's minute alone.
 * </ul>
 *
 * <p>What a bucket's put changes is dropped (its hour's union and count, the tails that hold its minute), hours
 * go when a minute of theirs leaves the span, tails when the clock moves: each always equals the union of the
 * buckets held. Bounded: per tag asked for, one union and one count per hour of the span, and a tail per length
 * of range asked for in the clock's minute. Not thread-safe, as {@link RecentBuckets}, which owns it.
 */
final class AuthorUnions {

  static final long HOUR = 60;

  /** Reads a tag's author sketches (serialized) in minutes {@code from} to {@code to}, both included. */
  @FunctionalInterface
  interface Sketches {
    void forEach(int tag, long from, long to, Consumer<byte[]> sketch);
  }

  /** By hour (minute / 60), each tag id's union; an hour without the tag holds an empty sketch. */
  private final TreeMap<Long, IntObjectHashMap<HllSketch>> unionsByHour = new TreeMap<>();
  /** By hour, each tag id's distinct authors. */
  private final TreeMap<Long, IntLongHashMap> countsByHour = new TreeMap<>();
  /** By a range's length L, each tag id's union of minutes {@code tailsEnd - L + 1} to {@code tailsEnd - 1}. */
  private final Map<Long, IntObjectHashMap<HllSketch>> tails = new HashMap<>();
  private long tailsEnd = Long.MIN_VALUE;

  /** Distinct authors of {@code tag} in minutes {@code from} to {@code to}, both included, from {@code sketches}. */
  long of(int tag, long from, long to, Sketches sketches) {
    return union(tag, from, to, sketches).estimate();
  }

  /** The union of {@code tag}'s sketches in minutes {@code from} to {@code to}, whole hours from those kept. */
  private Builder union(int tag, long from, long to, Sketches sketches) {
    Builder union = new Builder();
    long firstHour = -Math.floorDiv(-from, HOUR); // the first hour that starts in the range
    long endHour = hourOf(to + 1); // every hour before it ends in the range
    if (firstHour >= endHour) {
      union.addMinutes(sketches, tag, from, to);
      return union;
    }
    union.addMinutes(sketches, tag, from, firstHour * HOUR - 1);
    for (long hour = firstHour; hour < endHour; hour++) {
      union.add(unionOfHour(tag, hour, sketches));
    }
    union.addMinutes(sketches, tag, endHour * HOUR, to);
    return union;
  }

  /** Distinct authors of {@code tag} in the clock hour {@code hour} (its minutes {@code hour * 60} to {@code + 59}). */
  long inHour(int tag, long hour, Sketches sketches) {
    IntLongHashMap tags = countsByHour.computeIfAbsent(hour, h -> new IntLongHashMap());
    int slot = tags.indexOf(tag);
    if (tags.indexExists(slot)) {
      return tags.indexGet(slot);
    }
    IntObjectHashMap<HllSketch> unions = unionsByHour.get(hour);
    HllSketch kept = unions == null ? null : unions.get(tag);
    long count = kept != null ? Math.round(kept.getEstimate()) : minutesOfHour(tag, hour, sketches).estimate();
    tags.indexInsert(slot, tag, count);
    return count;
  }

  /**
   * Distinct authors of {@code tag} in minutes {@code from} to {@code now}, the clock's minute: the union of the
   * minutes before the clock's is kept (per length of range) until the clock moves, so each batch of that
   * minute adds the clock's minute alone.
   */
  long upTo(int tag, long from, long now, Sketches sketches) {
    if (now != tailsEnd) {
      tails.clear();
      tailsEnd = now;
    }
    IntObjectHashMap<HllSketch> ofLength = tails.computeIfAbsent(now - from + 1, length -> new IntObjectHashMap<>());
    HllSketch tail = ofLength.get(tag);
    if (tail == null) {
      tail = from < now ? union(tag, from, now - 1, sketches).result() : Builder.NONE;
      ofLength.put(tag, tail);
    }
    Builder union = new Builder();
    union.add(tail);
    union.addMinutes(sketches, tag, now, now);
    return union.estimate();
  }

  private HllSketch unionOfHour(int tag, long hour, Sketches sketches) {
    IntObjectHashMap<HllSketch> tags = unionsByHour.computeIfAbsent(hour, h -> new IntObjectHashMap<>());
    HllSketch kept = tags.get(tag);
    if (kept == null) {
      kept = minutesOfHour(tag, hour, sketches).result();
      tags.put(tag, kept);
    }
    return kept;
  }

  private static Builder minutesOfHour(int tag, long hour, Sketches sketches) {
    Builder union = new Builder();
    union.addMinutes(sketches, tag, hour * HOUR, hour * HOUR + HOUR - 1);
    return union;
  }

  /** {@code tag}'s bucket of {@code minute} changed: what holds that minute is out of date. */
  void changed(int tag, long minute) {
    IntObjectHashMap<HllSketch> unions = unionsByHour.get(hourOf(minute));
    if (unions != null) {
      unions.remove(tag);
    }
    IntLongHashMap counts = countsByHour.get(hourOf(minute));
    if (counts != null) {
      counts.remove(tag);
    }
    tails.forEach((length, ofLength) -> {
      if (minute < tailsEnd && minute > tailsEnd - length) {
        ofLength.remove(tag);
      }
    });
  }

  /** The buckets of minutes up to {@code minute} left: every hour holding one of them goes. */
  void dropUpTo(long minute) {
    unionsByHour.headMap(hourOf(minute), true).clear();
    countsByHour.headMap(hourOf(minute), true).clear();
  }

  /** The heap the kept sketches take, about (their arrays), for the benchmark. */
  long sketchBytes() {
    long bytes = 0;
    for (IntObjectHashMap<HllSketch> unions : unionsByHour.values()) {
      for (var u : unions) {
        bytes += u.value.getUpdatableSerializationBytes();
      }
    }
    for (IntObjectHashMap<HllSketch> ofLength : tails.values()) {
      for (var t : ofLength) {
        bytes += t.value.getUpdatableSerializationBytes();
      }
    }
    return bytes;
  }

  /** Unions, counts and tails kept, for tests. */
  int size() {
    return unionsByHour.values().stream().mapToInt(IntObjectHashMap::size).sum()
        + countsByHour.values().stream().mapToInt(IntLongHashMap::size).sum()
        + tails.values().stream().mapToInt(IntObjectHashMap::size).sum();
  }

  private static long hourOf(long minute) {
    return Math.floorDiv(minute, HOUR);
  }

  /** A union of author sketches, made at the size of the first one. */
  private static final class Builder {
    static final HllSketch NONE = new HllSketch();
    private Union union;

    void addMinutes(Sketches sketches, int tag, long from, long to) {
      if (from <= to) {
        sketches.forEach(tag, from, to, sketch -> add(HllSketch.heapify(Memory.wrap(sketch))));
      }
    }

    void add(HllSketch sketch) {
      if (sketch.isEmpty()) {
        return; // a union takes the size of what it is given: an empty sketch must not set it
      }
      if (union == null) {
        union = new Union(sketch.getLgConfigK());
      }
      union.update(sketch);
    }

    /** The union as a sketch; an empty one, never changed, when nothing was added. */
    HllSketch result() {
      return union == null ? NONE : union.getResult();
    }

    long estimate() {
      return union == null ? 0 : Math.round(union.getEstimate());
    }
  }
}
