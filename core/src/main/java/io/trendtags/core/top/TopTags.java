package io.trendtags.core.top;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The current top list: hashtags highest count first, when it was computed, and how many records
 * the stream set aside as not being tweets. This is what one HBase row holds and what the web shows.
 *
 * @param updatedAt when the stream wrote this list; null when nothing has been written yet
 * @param tags highest count first; ties broken by tag, so the order is a function of the counts
 * @param rejected records read from Kafka that were not tweets, counted since the stream began
 */
public record TopTags(Instant updatedAt, List<TagCount> tags, long rejected) implements Serializable {

  /** The most tags a list holds: what the web API may ask for. */
  public static final int MAX_SIZE = 100;

  public TopTags {
    tags = List.copyOf(tags);
  }

  /** No data yet. */
  public static TopTags empty() {
    return new TopTags(null, List.of(), 0);
  }

  /** The first {@code n} tags. */
  public TopTags limit(int n) {
    return tags.size() <= n ? this : new TopTags(updatedAt, tags.subList(0, n), rejected);
  }
}
