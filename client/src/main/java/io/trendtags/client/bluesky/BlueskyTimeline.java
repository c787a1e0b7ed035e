package io.trendtags.client.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.Backoff;
import io.trendtags.client.feed.FeedItem;
import io.trendtags.client.feed.FeedJson;
import io.trendtags.client.feed.FeedPage;
import io.trendtags.client.feed.HomeFeed;
import io.trendtags.client.feed.Pacing;
import io.trendtags.client.feed.RateLimit;
import io.trendtags.client.feed.RequestGate;
import io.trendtags.client.feed.Secret;
import io.trendtags.client.feed.Time;
import io.trendtags.core.post.Post;
import io.trendtags.core.post.PostParser;
import io.trendtags.core.tweet.MalformedTweetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Bluesky user's home timeline ({@code app.bsky.feed.getTimeline}) as a {@link HomeFeed}. The timeline has
 * no "newer than": the backfill pages down by {@code cursor}; catching up reads from the top, page after page,
 * until it reaches a feed item no newer than the newest one sent. An item's position is its time (the
 * repost's for a repost, else the post's {@code indexedAt}) then its id, so a post and each of its reposts
 * are items of their own, as the job counts them. Paced by the {@code ratelimit-*} headers; an expired
 * access token (400 {@code ExpiredToken}, or 401) refreshes the session and tries once more.
 */
public final class BlueskyTimeline implements HomeFeed {

  private static final Logger LOG = LoggerFactory.getLogger(BlueskyTimeline.class);
  static final int PAGE_SIZE = 100;
  /** The most a catch-up reads: posts beyond it, in a timeline that moved this much between two polls, are left. */
  static final int MAX_CATCH_UP_PAGES = 30;
  static final String KEY_PREFIX = "bluesky:";

  private final BlueskyApi api;
  private final BlueskySession session;
  private final Pacing pacing;

  /** A timeline of {@code handle}, signed in with {@code appPassword}, on the system clock. */
  public BlueskyTimeline(BlueskyApi api, String handle, Secret appPassword) {
    this(api, handle, appPassword, Time.SYSTEM, new Backoff(1000, 120_000, new Random()));
  }

  public BlueskyTimeline(BlueskyApi api, String handle, Secret appPassword, Time time, Backoff backoff) {
    this.api = api;
    this.session = new BlueskySession(api, handle, appPassword);
    this.pacing = new Pacing(time, RequestGate.FIVE_MINUTES, backoff);
  }

  @Override
  public String network() {
    return "bluesky";
  }

  @Override
  public String account() throws ApiException, InterruptedException {
    return pacing.call(session::signIn, did -> RateLimit.UNKNOWN);
  }

  @Override
  public FeedPage page(String cursor) throws ApiException, InterruptedException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", Integer.toString(PAGE_SIZE));
    if (cursor != null) {
      query.put("cursor", cursor);
    }
    JsonNode body = pacing.call(() -> timeline(query), response -> RateLimit.bluesky(response.headers())).body();
    List<FeedItem> items = new ArrayList<>();
    for (JsonNode item : body.path("feed")) {
      FeedItem read = item(item);
      if (read != null) {
        items.add(read);
      }
    }
    String next = body.path("cursor").asText("");
    return new FeedPage(items, items.isEmpty() || next.isEmpty() ? null : next);
  }

  @Override
  public List<FeedItem> newerThan(String position) throws ApiException, InterruptedException {
    List<FeedItem> items = new ArrayList<>();
    String cursor = null;
    for (int pages = 0; pages < MAX_CATCH_UP_PAGES; pages++) {
      FeedPage page = page(cursor);
      boolean reachedKnown = false;
      for (FeedItem item : page.items()) {
        if (item.position().compareTo(position) > 0) {
          items.add(item);
        } else {
          reachedKnown = true;
        }
      }
      if (reachedKnown || page.nextCursor() == null) {
        return items;
      }
      cursor = page.nextCursor();
    }
    LOG.warn("more than {} pages of new posts since the last poll: the older ones among them are left; poll more often",
        MAX_CATCH_UP_PAGES);
    return items;
  }

  /** Positions are fixed-width epoch milliseconds, then the item's id: their string order is the timeline's. */
  @Override
  public Comparator<String> positionOrder() {
    return Comparator.naturalOrder();
  }

  /** A key of this feed found after the saved mark was sent in the round a crash cut short: newer, whatever it is. */
  @Override
  public boolean mayBeNewer(String kafkaKey, String position) {
    return kafkaKey.startsWith(KEY_PREFIX);
  }

  /** One getTimeline call; an expired access token refreshes the session and the call goes once more. */
  private BlueskyApi.Response timeline(Map<String, String> query) throws ApiException, InterruptedException {
    try {
      return api.query("app.bsky.feed.getTimeline", query, session.accessToken());
    } catch (ApiException e) {
      if (e.kind() != ApiException.Kind.EXPIRED && e.kind() != ApiException.Kind.REJECTED) {
        throw e;
      }
      LOG.info("the access token was refused ({}); refreshing the session", e.getMessage());
      session.refresh();
      return api.query("app.bsky.feed.getTimeline", query, session.accessToken());
    }
  }

  /** The feed item as a record: its key is the job's own ({@link Post#key()}), so both name it alike. */
  private static FeedItem item(JsonNode item) {
    byte[] json = FeedJson.bytes(item);
    Post post;
    try {
      post = PostParser.parse(json);
    } catch (MalformedTweetException e) {
      LOG.warn("a feed item that is no post ({}); skipped", e.getMessage());
      return null;
    }
    JsonNode reason = item.path("reason");
    Instant at = FeedJson.instant(reason.isObject() ? reason.path("indexedAt") : item.path("post").path("indexedAt"));
    if (at == null) {
      at = post.content().createdAt() != null ? post.content().createdAt() : Instant.EPOCH;
    }
    String key = post.key();
    return new FeedItem(key, String.format("%015d|%s", at.toEpochMilli(), key), json, post.content().createdAt());
  }
}
