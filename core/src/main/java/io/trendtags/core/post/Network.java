package io.trendtags.core.post;

import java.util.Locale;

/** The social networks whose posts TrendTags reads, each with its own JSON and its own way of tagging. */
public enum Network {
  /** X API v2 Tweet objects: {@code entities.hashtags}, else the text by twitter-text's rules. */
  X,
  /** Mastodon Status entities: {@code tags[].name} (of the boosted status for a boost). */
  MASTODON,
  /** Bluesky posts and feed items: tag facets plus the record's {@code tags}. */
  BLUESKY;

  /** The name as users write it and records carry it: {@code x}, {@code mastodon}, {@code bluesky}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
