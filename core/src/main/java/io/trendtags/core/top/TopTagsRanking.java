package io.trendtags.core.top;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds running counts per (case-folded key, casing as written) into the top list: a tag's count is
 * the sum over its casings, and it is shown in the casing used most (ties: the casing that sorts
 * first, so the result depends on the counts alone, never on arrival order).
 *
 * <p>Not thread-safe: one ranking per batch.
 */
public final class TopTagsRanking {

  private static final Comparator<TagCount> HIGHEST_FIRST =
      Comparator.comparingLong(TagCount::count).reversed().thenComparing(TagCount::tag);

  private final Map<String, Tally> byKey = new HashMap<>();

  /** Adds {@code count} uses of {@code key} written as {@code casing}. */
  public TopTagsRanking add(String key, String casing, long count) {
    byKey.computeIfAbsent(key, k -> new Tally()).add(casing, count);
    return this;
  }

  /** The {@code n} highest tags. */
  public TopTags top(int n, Instant updatedAt, long rejected) {
    List<TagCount> all = new ArrayList<>(byKey.size());
    byKey.values().forEach(tally -> all.add(new TagCount(tally.shownAs, tally.total)));
    all.sort(HIGHEST_FIRST);
    return new TopTags(updatedAt, all.subList(0, Math.min(n, all.size())), rejected);
  }

  private static final class Tally {
    long total;
    String shownAs;
    long shownCount = -1;

    void add(String casing, long count) {
      total += count;
      if (count > shownCount || (count == shownCount && casing.compareTo(shownAs) < 0)) {
        shownAs = casing;
        shownCount = count;
      }
    }
  }
}
