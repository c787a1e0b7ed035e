package io.trendtags.client.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in user's home timeline ({@code GET /2/users/{id}/timelines/reverse_chronological}), one page
 * at a time, with the waiting done right: paced by the rate-limit headers, nothing sent while a 429's
 * reset is pending, backoff with jitter on 5xx, timeouts and unreadable bodies. Bad credentials (401/403)
 * and other refusals end it with an {@link XApiException}.
 */
public final class HomeTimeline {

  private static final Logger LOG = LoggerFactory.getLogger(HomeTimeline.class);
  /** Every field the stream or a reader of the topic may want; {@code entities} carries the hashtags. */
  public static final String TWEET_FIELDS = "created_at,entities,author_id,lang,referenced_tweets,note_tweet";

  private final XApi api;
  private final RequestGate gate;
  private final Backoff backoff;
  private final Time time;
  private final int pageSize;

  /** A timeline on the system clock, backing off from 1 s up to 2 minutes. */
  public HomeTimeline(XApi api, int pageSize) {
    this(api, pageSize, Time.SYSTEM, new Backoff(1000, 120_000, new java.util.Random()));
  }

  HomeTimeline(XApi api, int pageSize, Time time, Backoff backoff) {
    this.api = api;
    this.pageSize = pageSize;
    this.time = time;
    this.gate = new RequestGate(time);
    this.backoff = backoff;
  }

  /** The signed-in user's id ({@code GET /2/users/me}). */
  public String userId() throws XApiException, InterruptedException {
    JsonNode body = call("/2/users/me", Map.of());
    String id = body.path("data").path("id").asText("");
    if (!id.matches("[0-9]{1,19}")) {
      throw new XApiException(XApiException.Kind.FATAL, "GET /2/users/me: no user id in the answer", -1);
    }
    LOG.info("signed in as @{} (user id {})", body.path("data").path("username").asText("?"), id);
    return id;
  }

  /**
   * One page of the timeline, newest first.
   *
   * @param sinceId         only tweets newer than this id, or null for the newest there are
   * @param paginationToken a previous page's {@code next_token}, or null for the first page
   */
  public TimelinePage page(String userId, String sinceId, String paginationToken) throws XApiException, InterruptedException {
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
    List<JsonNode> tweets = new ArrayList<>();
    body.path("data").forEach(tweets::add); // no "data" key at all when there is nothing new
    String next = body.path("meta").path("next_token").asText(null);
    return new TimelinePage(tweets, next == null || next.isEmpty() ? null : next);
  }

  private JsonNode call(String path, Map<String, String> query) throws XApiException, InterruptedException {
    while (true) {
      gate.awaitTurn();
      try {
        XApi.Response response = api.get(path, query);
        gate.answered(response.rateLimit());
        backoff.reset();
        JsonNode errors = response.body().path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
          // Partial errors (e.g. one referenced tweet deleted): the data that came is good, keep it.
          LOG.warn("GET {}: {} partial error(s) beside the data, kept the data; first: {}", path, errors.size(),
              XApi.describe(response.body()));
        }
        return response.body();
      } catch (XApiException e) {
        switch (e.kind()) {
          case RATE_LIMITED -> gate.rateLimited(e.resetEpochSeconds());
          case TRANSIENT -> {
            long delay = backoff.nextDelayMillis();
            LOG.warn("{}; trying again in {} ms", e.getMessage(), delay);
            time.sleep(delay);
          }
          default -> throw e;
        }
      }
    }
  }
}
