package io.trendtags.core.top;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One view's current top list: hashtags highest first, when it was written, the stream's event-time
 * clock at that moment, and how many records the stream set aside as not being tweets. This is what one
 * HBase row holds and what the web shows.
 *
 * @param updatedAt when the stream wrote this list; null when nothing has been written yet
 * @param clock the newest {@code created_at} the stream had seen; null when unknown (older rows)
 * @param tags highest first; ties broken by tag, so the order is a function of the counts
 * @param rejected records read from Kafka that were not tweets, counted since the stream began
 */
public record TopTags(Instant updatedAt, Instant clock, List<TagCount> tags, long rejected) implements Serializable {

  /** The most tags a list holds: what the web API may ask for. */
  public static final int MAX_SIZE = 100;

  public TopTags {
    tags = List.copyOf(tags);
  }

  /** A list without a clock, as older rows and tests have it. */
  public TopTags(Instant updatedAt, List<TagCount> tags, long rejected) {
    this(updatedAt, null, tags, rejected);
  }

  /** No data yet. */
  public static TopTags empty() {
    return new TopTags(null, null, List.of(), 0);
  }

  /** The first {@code n} tags. */
  public TopTags limit(int n) {
    return tags.size() <= n ? this : new TopTags(updatedAt, clock, tags.subList(0, n), rejected);
  }
}
