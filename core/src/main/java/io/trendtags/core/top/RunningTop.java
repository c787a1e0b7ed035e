package io.trendtags.core.top;

import io.trendtags.core.hashtag.HashtagKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The top list of counters that only grow (all-time counts), kept from the rows that changed in each
 * batch rather than from every tag ever seen.
 *
 * <p>Why that is exact: a tag outside the kept list ranks below every tag in it; while its count does
 * not change it stays below them (theirs only grow), and when it does change the batch brings its new
 * total. Updates carry absolute totals, so applying a batch twice (a re-run after a crash) changes
 * nothing. Not thread-safe: the stream's driver updates it once per batch.
 */
public final class RunningTop {

  static final Comparator<TagCount> HIGHEST_FIRST =
      Comparator.comparingLong(TagCount::count).reversed().thenComparing(TagCount::tag);

  private final int capacity;
  private final Map<String, TagCount> byKey = new HashMap<>();

  public RunningTop(int capacity) {
    this.capacity = capacity;
  }

  /** A list that goes on from {@code stored}, the last one written. */
  public static RunningTop resuming(List<TagCount> stored, int capacity) {
    RunningTop top = new RunningTop(capacity);
    stored.forEach(tag -> top.byKey.put(HashtagKey.fold(tag.tag()), tag));
    return top;
  }

  /** Sets the totals of case-folded {@code key}, shown as {@code tag}. */
  public void update(String key, String tag, long count, long authors) {
    byKey.put(key, new TagCount(tag, count, authors));
    if (byKey.size() > 2 * capacity) {
      top(); // trims
    }
  }

  /** The kept list, highest first; trims what falls below the capacity. */
  public List<TagCount> top() {
    List<Map.Entry<String, TagCount>> all = new ArrayList<>(byKey.entrySet());
    all.sort(Map.Entry.comparingByValue(HIGHEST_FIRST));
    for (int i = capacity; i < all.size(); i++) {
      byKey.remove(all.get(i).getKey());
    }
    return all.stream().limit(capacity).map(Map.Entry::getValue).toList();
  }
}
