package io.trendtags.client.mastodon;

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
import io.trendtags.client.feed.Time;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mastodon user's home timeline ({@code GET /api/v1/timelines/home}) as a {@link HomeFeed}: the backfill
 * pages back by the {@code Link} header's {@code rel="next"} ({@code max_id}); catching up asks
 * {@code min_id=<newest sent>} again and again, each time from the newest status of the answer, until the
 * answer is empty, so no gap is left however many came. Paced by {@code X-RateLimit-*} headers, nothing sent
 * while a 429's reset is pending, a 206 (the feed being regenerated) tried again after the wait it names,
 * backoff with jitter on 5xx and timeouts. A bad token (401/403) ends it with an {@link ApiException}.
 *
 * <p>With a {@link MastodonStream} the wait between two catch-ups ends as soon as the streaming API says a
 * status came (or the stream connected again after a drop): every status still reaches Kafka through the
 * same {@code min_id} catch-up, so the order, the saved position and the recovery after a crash are those
 * of every other feed, and nothing between two connections is missed.
 */
public final class MastodonTimeline implements HomeFeed {

  private static final Logger LOG = LoggerFactory.getLogger(MastodonTimeline.class);
  /** The most a page holds; the server quietly cuts a larger {@code limit} to this. */
  static final int PAGE_SIZE = 40;
  static final String KEY_PREFIX = "mastodon:";
  /** Mastodon's ids are decimal strings, newer is larger: by length, then digits (and so are ULIDs and flake ids). */
  private static final Comparator<String> BY_ID = Comparator.comparingInt(String::length)
      .thenComparing(Comparator.naturalOrder());
  private static final Pattern NEXT_MAX_ID = Pattern.compile("<([^>]*[?&]max_id=([^&>]+)[^>]*)>\\s*;\\s*rel=\"next\"");
  private static final Pattern ID = Pattern.compile("[0-9A-Za-z]{1,64}");

  private final MastodonApi api;
  private final Pacing pacing;
  private MastodonStream stream;

  /** A timeline on the system clock, backing off from 1 s up to 2 minutes. */
  public MastodonTimeline(MastodonApi api) {
    this(api, Time.SYSTEM, new Backoff(1000, 120_000, new Random()));
  }

  public MastodonTimeline(MastodonApi api, Time time, Backoff backoff) {
    this.api = api;
    this.pacing = new Pacing(time, RequestGate.FIVE_MINUTES, backoff);
  }

  /** Makes {@link #awaitNews} end as soon as {@code stream} says a status came. */
  public void follow(MastodonStream stream) {
    this.stream = stream;
  }

  @Override
  public String network() {
    return "mastodon";
  }

  /**
   * The instance's host: a token with {@code read:statuses} alone cannot ask whose it is, so one state dir
   * serves one account, as the option's help says. Reading one status checks the token at once.
   */
  @Override
  public String account() throws ApiException, InterruptedException {
    call("/api/v1/timelines/home", Map.of("limit", "1"));
    URI instance = api.instance();
    String account = instance.getHost() + (instance.getPort() < 0 ? "" : ":" + instance.getPort());
    LOG.info("reading the home timeline on {}", account);
    return account;
  }

  @Override
  public FeedPage page(String maxId) throws ApiException, InterruptedException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", Integer.toString(PAGE_SIZE));
    if (maxId != null) {
      query.put("max_id", maxId);
    }
    MastodonApi.Response response = call("/api/v1/timelines/home", query);
    List<FeedItem> items = items(response.body());
    String next = response.headers().allValues("link").stream().map(NEXT_MAX_ID::matcher).filter(Matcher::find)
        .map(m -> m.group(2)).findFirst().orElse(null);
    return new FeedPage(items, items.isEmpty() ? null : next);
  }

  @Override
  public List<FeedItem> newerThan(String newestId) throws ApiException, InterruptedException {
    List<FeedItem> items = new ArrayList<>();
    String minId = newestId;
    while (true) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("limit", Integer.toString(PAGE_SIZE));
      query.put("min_id", minId);
      List<FeedItem> page = items(call("/api/v1/timelines/home", query).body());
      if (page.isEmpty()) {
        return items;
      }
      items.addAll(page);
      String newest = page.stream().map(FeedItem::position).max(BY_ID).orElseThrow();
      if (BY_ID.compare(newest, minId) <= 0) {
        return items; // a server that ignored min_id: stop rather than ask the same page forever
      }
      minId = newest;
    }
  }

  @Override
  public Comparator<String> positionOrder() {
    return BY_ID;
  }

  @Override
  public boolean mayBeNewer(String kafkaKey, String newestId) {
    return kafkaKey.startsWith(KEY_PREFIX)
        && (newestId == null || BY_ID.compare(kafkaKey.substring(KEY_PREFIX.length()), newestId) > 0);
  }

  @Override
  public void awaitNews(Duration pollInterval, Time time) throws InterruptedException {
    if (stream == null) {
      time.sleep(pollInterval.toMillis());
    } else {
      stream.awaitUpdate(pollInterval);
    }
  }

  private static List<FeedItem> items(JsonNode statuses) throws ApiException {
    if (!statuses.isArray()) {
      throw new ApiException(ApiException.Kind.TRANSIENT, "GET /api/v1/timelines/home: the body is not an array of statuses", -1);
    }
    List<FeedItem> items = new ArrayList<>(statuses.size());
    for (JsonNode status : statuses) {
      String id = status.path("id").asText("");
      if (!ID.matcher(id).matches()) {
        LOG.warn("a status without a valid id in the home timeline; skipped");
        continue;
      }
      items.add(new FeedItem(KEY_PREFIX + id, id, FeedJson.bytes(status), FeedJson.instant(status.path("created_at"))));
    }
    return items;
  }

  private MastodonApi.Response call(String path, Map<String, String> query) throws ApiException, InterruptedException {
    return pacing.call(() -> api.get(path, query), response -> RateLimit.mastodon(response.headers()));
  }
}
