package io.trendtags.web.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.trendtags.core.config.DurationConverter;
import io.trendtags.core.hashtag.HashtagKey;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TopTags;
import io.trendtags.web.source.LatestTopTags;
import io.trendtags.web.source.TopTagsSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * {@code GET /api/tags/{tag}/history?range=24h&source=all}: one tag's tweets per bucket over {@code range}
 * (1 minute to 7 days, default 24 h) ending at the stream's clock: one-minute buckets up to 6 hours, hourly
 * beyond; of every network's posts, or of one's ({@code source}, read under {@link Source#key(String)}).
 * The tag is case-folded like the views. Answers are cached for {@link #FRESH} per (source, tag, range), in
 * at most {@link #CACHED} entries, so a page of sparklines costs HBase one scan per tag per half minute
 * however many people look.
 */
public final class TagHistoryEndpoint implements Handler {

  public static final String PATH = "/api/tags/{tag}/history";
  static final Duration MAX_RANGE = Duration.ofDays(7);
  static final Duration MINUTE_BUCKETS_UP_TO = Duration.ofHours(6);
  static final Duration FRESH = Duration.ofSeconds(30);
  static final int CACHED = 1000;
  private static final int MAX_TAG_CHARS = 1000;

  /** The answer. */
  public record History(String tag, String source, String range, String bucket, String clock, List<Point> points) {}

  /** One bucket: its first minute and the tweets in it. */
  public record Point(String start, long count) {}

  private record Cached(History history, Instant at) {}

  private final TopTagsSource store;
  private final LatestTopTags allTime;
  private final Clock wallClock;
  private final Map<String, Cached> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      return size() > CACHED;
    }
  };

  public TagHistoryEndpoint(TopTagsSource store, LatestTopTags allTime, Clock wallClock) {
    this.store = store;
    this.allTime = allTime;
    this.wallClock = wallClock;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    String tag = ctx.pathParam("tag");
    String rawRange = ctx.queryParamAsClass("range", String.class).getOrDefault("24h");
    Duration range = parseRange(rawRange);
    if (tag.isEmpty() || tag.length() > MAX_TAG_CHARS) {
      ctx.status(HttpStatus.BAD_REQUEST).json(new ErrorJson("the tag must have 1 to " + MAX_TAG_CHARS + " characters"));
      return;
    }
    if (range == null) {
      ctx.status(HttpStatus.BAD_REQUEST).json(new ErrorJson(
          "range must be a duration from 1m to 7d, like 15m, 1h, 24h or 7d; got '" + shorten(rawRange) + "'"));
      return;
    }
    Optional<Source> source = TopTagsEndpoint.parseSource(ctx.queryParam("source"));
    if (source.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST).json(TopTagsEndpoint.badSource(ctx.queryParam("source")));
      return;
    }
    String key = HashtagKey.fold(tag.startsWith("#") ? tag.substring(1) : tag);
    if (key.contains(Source.SEPARATOR)) {
      // No hashtag holds one; a "tag" that does would reach a network's keys ("mastodon#java") past ?source=.
      ctx.status(HttpStatus.BAD_REQUEST).json(new ErrorJson("a hashtag has no '" + Source.SEPARATOR + "' after its first character"));
      return;
    }
    ctx.json(cached(key, source.get(), rawRange.trim(), range));
  }

  private synchronized History cached(String key, Source source, String rangeText, Duration range) {
    String cacheKey = source.id() + " " + rangeText + " " + key;
    Cached hit = cache.get(cacheKey);
    Instant now = wallClock.instant();
    if (hit != null && hit.at.plus(FRESH).isAfter(now)) {
      return hit.history;
    }
    // The stream's clock, whatever the source: a network's sparkline ends where its views' windows do.
    History history = read(key, source, rangeText, range, allTime.get().map(TopTags::clock).orElse(now));
    cache.put(cacheKey, new Cached(history, now));
    return history;
  }

  private History read(String key, Source source, String rangeText, Duration range, Instant clock) {
    long end = Math.floorDiv(clock.getEpochSecond(), 60);
    long minutes = range.toMinutes();
    long width = range.compareTo(MINUTE_BUCKETS_UP_TO) <= 0 ? 1 : 60;
    long buckets = Math.max(1, minutes / width);
    long first = end - buckets * width + 1;
    NavigableMap<Long, Long> perMinute = store.minuteCounts(source.key(key), first, end);
    List<Point> points = new ArrayList<>((int) buckets);
    for (long b = 0; b < buckets; b++) {
      long from = first + b * width;
      long count = perMinute.subMap(from, true, from + width - 1, true).values().stream().mapToLong(Long::longValue).sum();
      points.add(new Point(Instant.ofEpochSecond(from * 60).toString(), count));
    }
    return new History(key, source.id(), rangeText, width == 1 ? "1m" : "1h", clock.toString(), points);
  }

  /** The range, or null if it is not a duration from a minute to {@link #MAX_RANGE}. */
  static Duration parseRange(String raw) {
    try {
      Duration d = new DurationConverter().convert(raw);
      return d.toMinutes() >= 1 && d.compareTo(MAX_RANGE) <= 0 ? d : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String shorten(String raw) {
    return raw.length() <= 20 ? raw : raw.substring(0, 20) + "...";
  }
}
