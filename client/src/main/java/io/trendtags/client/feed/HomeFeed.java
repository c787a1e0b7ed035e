package io.trendtags.client.feed;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * One network's home timeline as {@link FeedFollower} reads it: sign in, page back for the backfill, fetch
 * everything newer than a position, and wait for news. Each network implements the paging its API has
 * (X's {@code since_id} and {@code next_token}, Mastodon's {@code min_id} and {@code Link}, Bluesky's
 * {@code cursor}); the follower owns what is common: the order of delivery, the saved position and the
 * recovery after a crash.
 */
public interface HomeFeed {

  /** The network's name as records and state files carry it: {@code x}, {@code mastodon}, {@code bluesky}. */
  String network();

  /**
   * Signs in (or checks the credentials) and names whose timeline this is, so that a state dir saved for
   * one account is never used for another. Never holds a credential.
   */
  String account() throws ApiException, InterruptedException;

  /** A page of the timeline, newest first: the first page for a null {@code cursor}, else the page after it. */
  FeedPage page(String cursor) throws ApiException, InterruptedException;

  /** Every item newer than {@code position} (an item's {@link FeedItem#position()}), in any order. */
  List<FeedItem> newerThan(String position) throws ApiException, InterruptedException;

  /** The order of positions: oldest first. */
  Comparator<String> positionOrder();

  /**
   * Whether {@code kafkaKey}, a key found in the topic after the saved position, is an item of this feed
   * that may be newer than {@code position} (null: no post sent yet); such items are not sent again. Keys of
   * other producers are not, so the set of keys a restart holds stays small when a replay shares the topic.
   */
  boolean mayBeNewer(String kafkaKey, String position);

  /**
   * Waits until there may be news: {@code pollInterval} by default; a feed with a live stream returns as soon
   * as the stream says something came. An interrupt (the client stopping) ends the wait.
   */
  default void awaitNews(Duration pollInterval, Time time) throws InterruptedException {
    time.sleep(pollInterval.toMillis());
  }
}
