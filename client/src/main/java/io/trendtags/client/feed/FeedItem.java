package io.trendtags.client.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * One post of a home timeline, ready for Kafka.
 *
 * @param key       the Kafka key: the post's id as the stream job names it ({@code mastodon:<id>}; X's bare)
 * @param position  where the post stands in its timeline, ordered by {@link HomeFeed#positionOrder()}
 * @param json      the network's own JSON of the post, as the record's value
 * @param createdAt when it was posted (for the backfill's age limit), or null when unknown
 */
public record FeedItem(String key, String position, byte[] json, Instant createdAt) {

  public FeedItem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(json, "json");
  }
}
