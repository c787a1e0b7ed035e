package io.trendtags.stream.window;

import com.carrotsearch.hppc.IntObjectHashMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * A tag's distinct authors over a range of minutes: the union of its minute sketches, where each whole hour
 * of the range comes as one union kept from the last time a window asked for it. A day's window then unions
 * 24 of these and the odd minutes at its ends instead of 1,440 minute sketches: it ranks 100 tags every
 * batch, and at 1,000 posts/s, a day into a run, those unions took 0.8 s of the driver per source and batch
 * ({@code WindowViewsBenchmark}).
 *
 * <p>An hour's union is dropped when one of its tag's buckets in that hour is put (replaced or new), and with
 * the hour when a minute of it leaves the span, so it always equals the union of the buckets held. Bounded:
 * at most one per (tag asked for, hour of the span), and only windows of an hour or more ask. Not
 * thread-safe, as {@link RecentBuckets}, which owns it.
 */
final class AuthorUnions {

  static final long HOUR = 60;

  /** Reads a tag's author sketches (serialized) in minutes {@code from} to {@code to}, both included. */
  @FunctionalInterface
  interface Sketches {
    void forEach(int tag, long from, long to, Consumer<byte[]> sketch);
  }

  /** By hour (minute / 60), each tag id's union; an hour without the tag holds an empty sketch. */
  private final TreeMap<Long, IntObjectHashMap<HllSketch>> byHour = new TreeMap<>();

  /** Distinct authors of {@code tag} in minutes {@code from} to {@code to}, both included, from {@code sketches}. */
  long of(int tag, long from, long to, Sketches sketches) {
    Builder union = new Builder();
    long firstHour = -Math.floorDiv(-from, HOUR); // the first hour that starts in the range
    long endHour = hourOf(to + 1); // every hour before it ends in the range
    if (firstHour >= endHour) {
      union.addMinutes(sketches, tag, from, to);
      return union.estimate();
    }
    union.addMinutes(sketches, tag, from, firstHour * HOUR - 1);
    for (long hour = firstHour; hour < endHour; hour++) {
      union.add(ofHour(tag, hour, sketches));
    }
    union.addMinutes(sketches, tag, endHour * HOUR, to);
    return union.estimate();
  }

  private HllSketch ofHour(int tag, long hour, Sketches sketches) {
    IntObjectHashMap<HllSketch> tags = byHour.computeIfAbsent(hour, h -> new IntObjectHashMap<>());
    HllSketch kept = tags.get(tag);
    if (kept == null) {
      Builder union = new Builder();
      union.addMinutes(sketches, tag, hour * HOUR, hour * HOUR + HOUR - 1);
      kept = union.result();
      tags.put(tag, kept);
    }
    return kept;
  }

  /** {@code tag}'s bucket of {@code minute} changed: its hour's union is out of date. */
  void changed(int tag, long minute) {
    IntObjectHashMap<HllSketch> tags = byHour.get(hourOf(minute));
    if (tags != null) {
      tags.remove(tag);
    }
  }

  /** The buckets of minutes up to {@code minute} left: every hour holding one of them goes. */
  void dropUpTo(long minute) {
    byHour.headMap(hourOf(minute), true).clear();
  }

  /** Unions kept, for tests. */
  int size() {
    return byHour.values().stream().mapToInt(IntObjectHashMap::size).sum();
  }

  private static long hourOf(long minute) {
    return Math.floorDiv(minute, HOUR);
  }

  /** A union of author sketches, made at the size of the first one. */
  private static final class Builder {
    private static final HllSketch NONE = new HllSketch();
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
