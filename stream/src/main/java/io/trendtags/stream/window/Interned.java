package io.trendtags.stream.window;

import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.ObjectIntHashMap;
import java.util.Arrays;

/**
 * Dense int ids for the strings in use, each counted by its holders: the driver's buckets name millions
 * of (tag, minute)s with a few thousand distinct casings, and an int per bucket in place of a string is
 * most of what keeps a day of them small. An id is freed when its last holder lets go and is given out
 * again, so ids stay below the number of strings held at once, and arrays indexed by id stay that size.
 * Not thread-safe.
 */
final class Interned {

  static final int ABSENT = -1;

  private final ObjectIntHashMap<String> ids = new ObjectIntHashMap<>();
  private final IntArrayList free = new IntArrayList();
  private String[] names = new String[1024];
  private int[] holders = new int[1024];
  private int limit;

  /** The id of {@code name}, held once more. */
  int hold(String name) {
    int slot = ids.indexOf(name);
    if (ids.indexExists(slot)) {
      int id = ids.indexGet(slot);
      holders[id]++;
      return id;
    }
    int id = free.isEmpty() ? limit++ : free.removeLast();
    if (id == names.length) {
      names = Arrays.copyOf(names, id * 2);
      holders = Arrays.copyOf(holders, id * 2);
    }
    names[id] = name;
    holders[id] = 1;
    ids.indexInsert(slot, name, id);
    return id;
  }

  /** Lets go of one hold on {@code id}; the last one frees it. */
  void release(int id) {
    if (--holders[id] == 0) {
      ids.remove(names[id]);
      names[id] = null;
      free.add(id);
    }
  }

  /** The id of {@code name}, or {@link #ABSENT} when nothing holds it. */
  int idOf(String name) {
    return ids.getOrDefault(name, ABSENT);
  }

  String name(int id) {
    return names[id];
  }

  /** Every id given out is below this. */
  int limit() {
    return limit;
  }

  /** Strings held now. */
  int size() {
    return ids.size();
  }
}
