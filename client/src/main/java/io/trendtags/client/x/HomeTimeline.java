package io.trendtags.client.x;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.Backoff;
import io.trendtags.client.feed.FeedItem;
import io.trendtags.client.feed.FeedJson;
import io.trendtags.client.feed.FeedPage;
import io.trendtags.client.feed.HomeFeed;
import io.trendtags.client.feed.Pacing;
import io.trendtags.client.feed.RequestGate;
import io.trendtags.client.feed.Time;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's home timeline ({@code GET /2/users/{id}/timelines/reverse_chronological}), one page
 * at a time, with the waiting done right: paced by the rate-limit headers, nothing sent while a 429's
 * reset is pending, backoff with jitter on 5xx, timeouts and unreadable bodies. Bad credentials (401/403)
 * and other refusals end it with an {@link ApiException}.
 */
public final class HomeTimeline implements HomeFeed {

  private static final Logger LOG = LoggerFactory.getLogger(HomeTimeline.class);
  private static final Comparator<String> BY_ID = Comparator.comparingInt(String::length)
      .thenComparing(Comparator.naturalOrder());
  /** Every field the stream or a reader of the topic may want; {@code entities} carries the hashtags. */
  public static final String TWEET_FIELDS = "created_at,entities,author_id,lang,referenced_tweets,note_tweet";

  private final XApi api;
  private final Pacing pacing;
  private final int pageSize;
  private String userId;

  /** A timeline on the system clock, backing off from 1 s up to 2 minutes. */
  public HomeTimeline(XApi api, int pageSize) {
    this(api, pageSize, Time.SYSTEM, new Backoff(1000, 120_000, new java.util.Random()));
  }

  public HomeTimeline(XApi api, int pageSize, Time time, Backoff backoff) {
    this.api = api;
    this.pageSize = pageSize;
    this.pacing = new Pacing(time, RequestGate.X_WINDOW, backoff);
  }

  @Override
  public String network() {
    return "x";
  }

  /** The signed-in user's id ({@code GET /2/users/me}). */
  @Override
  public String account() throws ApiException, InterruptedException {
    JsonNode body = call("/2/users/me", Map.of());
    String id = body.path("data").path("id").asText("");
    if (!id.matches("[0-9]{1,19}")) {
      throw new ApiException(ApiException.Kind.FATAL, "GET /2/users/me: no user id in the answer", -1);
    }
    LOG.info("signed in as @{} (user id {})", body.path("data").path("username").asText("?"), id);
    userId = id;
    return id;
  }

  @Override
  public FeedPage page(String cursor) throws ApiException, InterruptedException {
    return page(null, cursor);
  }

  /** Every tweet newer than {@code sinceId}, through as many pages as X has ({@code next_token}). */
  @Override
  public List<FeedItem> newerThan(String sinceId) throws ApiException, InterruptedException {
    List<FeedItem> tweets = new ArrayList<>();
    String token = null;
    do {
      FeedPage page = page(sinceId, token);
      tweets.addAll(page.items());
      token = page.nextCursor();
    } while (token != null && !Thread.currentThread().isInterrupted());
    return tweets;
  }

  /** Tweet ids: decimal, newer is larger; by length, then digits. */
  @Override
  public Comparator<String> positionOrder() {
    return BY_ID;
  }

  @Override
  public boolean mayBeNewer(String kafkaKey, String newestId) {
    return kafkaKey.matches("[0-9]{1,19}") && (newestId == null || BY_ID.compare(kafkaKey, newestId) > 0);
  }

  /**
   * One page of the timeline, newest first.
   *
   * @param sinceId         only tweets newer than this id, or null for the newest there are
   * @param paginationToken a previous page's {@code next_token}, or null for the first page
   */
  private FeedPage page(String sinceId, String paginationToken) throws ApiException, InterruptedException {
    if (userId == null) {
      account();
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("max_results", Integer.toString(pageSize));
    query.put("tweet.fields", TWEET_FIELDS);
    if (sinceId != null) {
      query.put("since_id", sinceId);
    }
    if (paginationToken != null) {
      query.put("pagination_token", paginationToken);
    }
    JsonNode body = call("/2/users/" + userId + "/timelines/reverse_chronological", query);
    List<FeedItem> tweets = new ArrayList<>();
    for (JsonNode tweet : body.path("data")) { // no "data" key at all when there is nothing new
      String id = tweet.path("id").asText("");
      if (!id.matches("[0-9]{1,19}")) {
        LOG.warn("a tweet without a valid id in the timeline; skipped");
        continue;
      }
      tweets.add(new FeedItem(id, id, FeedJson.bytes(tweet), FeedJson.instant(tweet.path("created_at"))));
    }
    String next = body.path("meta").path("next_token").asText(null);
    return new FeedPage(tweets, next == null || next.isEmpty() ? null : next);
  }

  private JsonNode call(String path, Map<String, String> query) throws ApiException, InterruptedException {
    JsonNode body = pacing.call(() -> api.get(path, query), XApi.Response::rateLimit).body();
    JsonNode errors = body.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      // Partial errors (e.g. one referenced tweet deleted): the data that came is good, keep it.
      LOG.warn("GET {}: {} partial error(s) beside the data, kept the data; first: {}", path, errors.size(),
          XApi.describe(body));
    }
    return body;
  }
}
