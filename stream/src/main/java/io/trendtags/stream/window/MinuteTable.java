package io.trendtags.stream.window;

import com.carrotsearch.hppc.IntIntHashMap;
import java.util.Arrays;

/**
 * The buckets of one minute, as parallel arrays indexed by slot, and each tag id's slot. A bucket is
 * replaced in its slot and never removed on its own: a minute leaves whole, when it falls out of the span.
 */
final class MinuteTable {

  private final IntIntHashMap slotOf = new IntIntHashMap();
  private int[] tags = new int[4];
  private int[] casings = new int[4];
  private long[] counts = new long[4];
  private byte[][] authors = new byte[4][];
  private int size;

  /** The slot of {@code tag}'s bucket, or -1. */
  int slot(int tag) {
    return slotOf.getOrDefault(tag, -1);
  }

  /** Adds a bucket for a tag this minute has none of; returns its slot. */
  int add(int tag, int casing, long count, byte[] sketch) {
    if (size == tags.length) {
      int grown = size * 2;
      tags = Arrays.copyOf(tags, grown);
      casings = Arrays.copyOf(casings, grown);
      counts = Arrays.copyOf(counts, grown);
      authors = Arrays.copyOf(authors, grown);
    }
    int slot = size++;
    slotOf.put(tag, slot);
    tags[slot] = tag;
    replace(slot, casing, count, sketch);
    return slot;
  }

  void replace(int slot, int casing, long count, byte[] sketch) {
    casings[slot] = casing;
    counts[slot] = count;
    authors[slot] = sketch;
  }

  int size() {
    return size;
  }

  int tag(int slot) {
    return tags[slot];
  }

  int casing(int slot) {
    return casings[slot];
  }

  long count(int slot) {
    return counts[slot];
  }

  byte[] authors(int slot) {
    return authors[slot];
  }
}
