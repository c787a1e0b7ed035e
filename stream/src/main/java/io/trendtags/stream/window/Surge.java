package io.trendtags.stream.window;

import io.trendtags.core.hashtag.HashtagKey;
import io.trendtags.core.top.TagCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The surging view: each tag's score against its own baseline (see {@link SurgeSettings}), holding its
 * peak and decaying with a half-life, the scheme Mastodon's trending tags use, with a sliding hour
 * against the 24 clock hours before it instead of calendar days.
 *
 * <p>A held peak decays exponentially, which forgets where it began: its value now is all there is to
 * keep ({@code held}, as of minute {@code heldAt}). Scores that decayed below {@link #FORGET} are
 * dropped, so the map holds only tags that surged recently.
 */
final class Surge {

  static final double FORGET = 0.01;
  private static final Comparator<TagCount> HIGHEST_FIRST =
      Comparator.comparingDouble((TagCount t) -> t.score()).reversed().thenComparing(TagCount::tag);

  private final SurgeSettings settings;
  private final Map<String, Double> held = new HashMap<>();
  private final Map<String, String> shownAs = new HashMap<>();
  private long heldAt = Long.MIN_VALUE;

  Surge(SurgeSettings settings) {
    this.settings = settings;
  }

  /** Goes on from scores written at minute {@code at}. */
  void resume(List<TagCount> stored, long at) {
    stored.forEach(t -> {
      if (t.score() != null) {
        held.put(HashtagKey.fold(t.tag()), t.score());
      }
    });
    heldAt = at;
  }

  /** The score of one tag now, before holding: 0 unless it rises. */
  static double score(long lastHour, double baseline, int minAuthors) {
    double e = Math.max(1.0, baseline);
    return lastHour > e && lastHour >= minAuthors ? (lastHour - e) * (lastHour - e) / e : 0;
  }

  /**
   * Scores the tags that may have risen at minute {@code now}, and returns the view, highest first. A
   * score can rise only when the tag's last hour changed ({@code touched}) or its baseline moved (the
   * clock reached a new minute: then the held tags are scored again too); a tag with fewer tweets in the
   * last hour than the minimum of authors cannot score at all.
   */
  List<TagCount> update(RecentBuckets buckets, long now, Set<String> touched, int size) {
    Set<String> candidates = new HashSet<>(touched);
    if (now > heldAt) {
      if (heldAt != Long.MIN_VALUE) {
        double decay = Math.pow(0.5, (now - heldAt) / (double) settings.halfLife().toMinutes());
        held.replaceAll((key, score) -> score * decay);
      }
      candidates.addAll(held.keySet());
      heldAt = now;
    }
    long hourStart = now - 59;
    // The baseline's hours are clock hours, whose counts the buckets keep: the last whole ones before the last hour.
    long baselineEnd = Math.floorDiv(hourStart, 60);
    for (String key : candidates) {
      if (buckets.total(60, key) < settings.minAuthors()) {
        continue;
      }
      long o = buckets.authors(key, hourStart, now);
      if (o < settings.minAuthors()) {
        continue;
      }
      long baseline = 0;
      for (long hour = baselineEnd - settings.baselineHours(); hour < baselineEnd; hour++) {
        baseline += buckets.authorsInHour(key, hour);
      }
      double score = score(o, baseline / (double) settings.baselineHours(), settings.minAuthors());
      if (score > held.getOrDefault(key, 0.0)) {
        held.put(key, score);
      }
    }
    held.values().removeIf(score -> score < FORGET);
    List<TagCount> view = new ArrayList<>();
    held.forEach((key, score) -> {
      String casing = buckets.casing(key, hourStart, now);
      if (casing == null) {
        casing = shownAs.getOrDefault(key, key);
      }
      shownAs.put(key, casing);
      view.add(new TagCount(casing, buckets.count(key, hourStart, now), buckets.authors(key, hourStart, now), score));
    });
    shownAs.keySet().retainAll(held.keySet());
    view.sort(HIGHEST_FIRST);
    return view.size() <= size ? view : view.subList(0, size);
  }
}
