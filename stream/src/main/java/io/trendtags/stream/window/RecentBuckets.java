package io.trendtags.stream.window;

import io.trendtags.core.top.CasingVotes;
import io.trendtags.store.MinuteBucket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * The minute buckets of every tag over the span the views need (the last 26 hours of event time), kept
 * on the driver, with each window's running total per tag maintained as buckets change and as the clock
 * moves: a batch costs what it changed plus the buckets that crossed a window's edge. Buckets are
 * replaced, never added to, so a batch re-run after a crash puts the same values again.
 *
 * <p>A window of W minutes ending at minute {@code now} holds the buckets of minutes {@code now - W + 1}
 * to {@code now}. A day of a busy timeline is millions of (tag, minute)s, so they are kept lean: a
 * {@link MinuteTable} of primitive arrays per minute, tags and casings as {@link Interned} ids, totals as
 * one array per window indexed by tag id, author sketches serialized until a union needs them. Ranking
 * a window is a scan of its totals array (a few milliseconds for millions of tags), which is cheaper in
 * memory and time than keeping every tag of the day sorted. Distinct authors are unions of the minutes'
 * sketches, with what batches would union again kept ({@link AuthorUnions}). Not thread-safe: the stream's
 * driver updates it once per batch.
 */
final class RecentBuckets {

  /** One window's total per tag id, in tweets. */
  private static final class Window {
    final long minutes;
    long[] totals = new long[1024];

    Window(long minutes) {
      this.minutes = minutes;
    }

    void add(int tag, long delta) {
      if (tag >= totals.length) {
        totals = Arrays.copyOf(totals, Math.max(totals.length * 2, tag + 1));
      }
      totals[tag] += delta;
    }

    long total(int tag) {
      return tag < totals.length ? totals[tag] : 0;
    }
  }

  private final long spanMinutes;
  private final Interned tags = new Interned();
  private final Interned casings = new Interned();
  private final TreeMap<Long, MinuteTable> byMinute = new TreeMap<>();
  private final Map<Long, Window> windows = new HashMap<>();
  private final Set<String> touched = new HashSet<>();
  private final AuthorUnions authorUnions = new AuthorUnions();
  private final AuthorUnions.Sketches sketches =
      (tag, from, to, sketch) -> forEachOf(tag, from, to, (minute, slot) -> sketch.accept(minute.authors(slot)));
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
    MinuteTable minute = byMinute.computeIfAbsent(b.minute(), m -> new MinuteTable());
    int tag = tags.idOf(b.key());
    int slot = tag == Interned.ABSENT ? -1 : minute.slot(tag);
    int casing = casings.hold(b.casing());
    long delta;
    if (slot < 0) {
      tag = tags.hold(b.key());
      minute.add(tag, casing, b.count(), b.authors());
      delta = b.count();
    } else {
      casings.release(minute.casing(slot));
      delta = b.count() - minute.count(slot);
      minute.replace(slot, casing, b.count(), b.authors());
    }
    authorUnions.changed(tag, b.minute());
    touched.add(b.key());
    for (Window w : windows.values()) {
      if (inWindow(b.minute(), w)) {
        w.add(tag, delta);
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
    for (Window w : windows.values()) {
      if (from != Long.MIN_VALUE) {
        // The window was (from - W, from] and is now (to - W, to]: the buckets that left it, and those that
        // entered. A jump longer than the window (a backlog's batch spans hours) visits each bucket once.
        addAll(w, from - w.minutes, Math.min(from, to - w.minutes), -1);
        addAll(w, Math.max(from, to - w.minutes), to, 1);
      } else {
        addAll(w, to - w.minutes, to, 1);
      }
    }
    authorUnions.dropUpTo(to - spanMinutes);
    Iterator<MinuteTable> old = byMinute.headMap(to - spanMinutes, true).values().iterator();
    while (old.hasNext()) {
      MinuteTable minute = old.next();
      for (int slot = 0; slot < minute.size(); slot++) {
        tags.release(minute.tag(slot));
        casings.release(minute.casing(slot));
      }
      old.remove();
    }
  }

  /** Adds {@code sign} times every bucket of minutes after {@code after} up to {@code upTo} to a window. */
  private void addAll(Window w, long after, long upTo, int sign) {
    if (upTo <= after) {
      return;
    }
    for (MinuteTable minute : byMinute.subMap(after, false, upTo, true).values()) {
      for (int slot = 0; slot < minute.size(); slot++) {
        w.add(minute.tag(slot), sign * minute.count(slot));
      }
    }
  }

  private boolean inWindow(long minute, Window w) {
    return now != Long.MIN_VALUE && minute <= now && minute > now - w.minutes;
  }

  long now() {
    return now;
  }

  /** The {@code n} tags with the highest totals in the window of {@code minutes}, ties by key: key and total. */
  List<Map.Entry<String, Long>> top(long minutes, int n) {
    Window w = window(minutes);
    // The n best so far, the weakest at the head: lowest total, then the key that sorts last.
    Comparator<Integer> weakestFirst = Comparator.<Integer>comparingLong(w::total)
        .thenComparing(tags::name, Comparator.reverseOrder());
    PriorityQueue<Integer> best = new PriorityQueue<>(n + 1, weakestFirst);
    int limit = Math.min(tags.limit(), w.totals.length);
    for (int tag = 0; tag < limit; tag++) {
      long total = w.totals[tag];
      if (total <= 0 || (best.size() == n && total < w.total(best.peek()))) {
        continue;
      }
      best.add(tag);
      if (best.size() > n) {
        best.poll();
      }
    }
    List<Map.Entry<String, Long>> top = new ArrayList<>(best.size());
    while (!best.isEmpty()) {
      int tag = best.poll();
      top.add(Map.entry(tags.name(tag), w.total(tag)));
    }
    Collections.reverse(top);
    return top;
  }

  /** The total of {@code key} in the window of {@code minutes}. */
  long total(long minutes, String key) {
    int tag = tags.idOf(key);
    return tag == Interned.ABSENT ? 0 : window(minutes).total(tag);
  }

  /** The window of {@code minutes}: looked up for every tag a batch touched, so a map, not a search. */
  private Window window(long minutes) {
    Window w = windows.get(minutes);
    if (w == null) {
      throw new IllegalArgumentException("no window of " + minutes + " minutes");
    }
    return w;
  }

  /** The tags whose buckets changed since the last call. */
  Set<String> takeTouched() {
    Set<String> taken = new HashSet<>(touched);
    touched.clear();
    return taken;
  }

  /** What is kept of the author sketches' unions: for the benchmark and tests. */
  AuthorUnions authorUnions() {
    return authorUnions;
  }

  /** Tags with buckets held: for the benchmark and tests. */
  int tagsHeld() {
    return tags.size();
  }

  private interface SlotAction {
    void apply(MinuteTable minute, int slot);
  }

  /** Each bucket of {@code key} in minutes {@code from} to {@code to}, both included. */
  private void forEachOf(String key, long from, long to, SlotAction action) {
    forEachOf(tags.idOf(key), from, to, action);
  }

  private void forEachOf(int tag, long from, long to, SlotAction action) {
    if (tag == Interned.ABSENT || to < from) {
      return;
    }
    for (MinuteTable minute : byMinute.subMap(from, true, to, true).values()) {
      int slot = minute.slot(tag);
      if (slot >= 0) {
        action.apply(minute, slot);
      }
    }
  }

  /** Tweets with {@code key} in minutes {@code from} to {@code to}, both included. */
  long count(String key, long from, long to) {
    long[] sum = {0};
    forEachOf(key, from, to, (minute, slot) -> sum[0] += minute.count(slot));
    return sum[0];
  }

  /** Distinct authors of {@code key} in minutes {@code from} to {@code to}, both included. */
  long authors(String key, long from, long to) {
    int tag = tags.idOf(key);
    if (tag == Interned.ABSENT) {
      return 0;
    }
    return to == now ? authorUnions.upTo(tag, from, to, sketches) : authorUnions.of(tag, from, to, sketches);
  }

  /** Distinct authors of {@code key} in the clock hour {@code hour}: minutes {@code hour * 60} to {@code + 59}. */
  long authorsInHour(String key, long hour) {
    int tag = tags.idOf(key);
    return tag == Interned.ABSENT ? 0 : authorUnions.inHour(tag, hour, sketches);
  }

  /** The casing used most by {@code key} in minutes {@code from} to {@code to}. */
  String casing(String key, long from, long to) {
    CasingVotes votes = new CasingVotes();
    forEachOf(key, from, to, (minute, slot) -> votes.add(casings.name(minute.casing(slot)), minute.count(slot)));
    return votes.mostUsed();
  }
}
