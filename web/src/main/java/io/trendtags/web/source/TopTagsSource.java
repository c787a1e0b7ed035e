package io.trendtags.web.source;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where the web app gets the current top hashtags from: HBase in production ({@link TableTopTagsSource}),
 * an in-memory value in tests. The app reads it once per refresh, never per request.
 */
@FunctionalInterface
public interface TopTagsSource {

  /** The latest all-time top hashtags of every source, or empty while the stream job has written none yet. */
  Optional<TopTags> read();

  /**
   * The latest list of {@code ranking}, or empty while nobody wrote it (a network nobody follows never
   * is); a source that knows only all time of every source has nothing for the others.
   */
  default Optional<TopTags> read(Ranking ranking) {
    return ranking.equals(Ranking.of(View.ALL)) ? read() : Optional.empty();
  }

  /**
   * Tweets per minute (since the epoch) of counting key {@code key} (a case-folded tag, or one network's
   * key of it: {@code Source.key}, {@code mastodon#java}), minutes {@code from} to {@code to} included;
   * minutes without any are absent. A source without history has none.
   */
  default NavigableMap<Long, Long> minuteCounts(String key, long from, long to) {
    return new TreeMap<>();
  }
}
