package io.trendtags.stream.window;

import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.MinuteBucket;
import io.trendtags.stream.query.MinuteBuckets;
import io.trendtags.stream.sink.AllTimeSink;
import io.trendtags.stream.sink.TopTagsStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The windows query's {@code foreachBatch}: stores the minute buckets the batch changed (the tag
 * history), then ranks the window views (15 min, 1 h, 24 h, by count) and the surge view from the
 * buckets of the last 25 hours, and writes each view's row.
 *
 * <p>The windows end at the stream's clock, the newest event time seen, at one-minute granularity:
 * "last hour" is the 60 minute buckets up to and including the clock's. After a restart the buckets
 * come back from the history table (written before the views, so a crash between the two loses
 * nothing), and a re-run batch puts the same buckets again.
 */
public final class WindowSink implements VoidFunction2<Dataset<Row>, Long> {

  /** How far back the views look: a day, and the surge's baseline hour before it. */
  static final Duration SPAN = Duration.ofHours(25);
  private static final Comparator<TagCount> HIGHEST_FIRST =
      Comparator.comparingLong(TagCount::count).reversed().thenComparing(TagCount::tag);

  private final transient TopTagsStore store;
  private final transient Clock wallClock;
  private final transient SurgeSettings surgeSettings;
  private transient RecentBuckets buckets;
  private transient Surge surge;
  private transient Instant clock;

  public WindowSink(TopTagsStore store, Clock wallClock, SurgeSettings surgeSettings) {
    this.store = store;
    this.wallClock = wallClock;
    this.surgeSettings = surgeSettings;
  }

  @Override
  public void call(Dataset<Row> changed, Long batchId) {
    apply(changed.collectAsList(), changed.sparkSession().sparkContext().getLocalProperty(AllTimeSink.QUERY_ID_PROPERTY));
  }

  void apply(List<Row> changed, String queryId) {
    if (buckets == null) {
      resume(queryId);
    }
    List<MinuteBucket> batch = new ArrayList<>(changed.size());
    for (Row row : changed) {
      Timestamp start = row.getAs(MinuteBuckets.BUCKET);
      batch.add(new MinuteBucket(row.getAs(MinuteBuckets.KEY), minuteOf(start.toInstant()),
          row.getAs(MinuteBuckets.CASING), row.<Long>getAs(MinuteBuckets.COUNT), row.getAs(MinuteBuckets.AUTHORS)));
      Instant lastSeen = row.<Timestamp>getAs(MinuteBuckets.LAST_SEEN).toInstant();
      if (clock == null || lastSeen.isAfter(clock)) {
        clock = lastSeen;
      }
    }
    if (clock == null) {
      return; // nothing seen yet
    }
    if (!batch.isEmpty()) {
      store.writeBuckets(batch);
    }
    batch.forEach(buckets::put);
    long now = minuteOf(clock);
    buckets.evictBefore(now - SPAN.toMinutes() + 1);
    Instant writtenAt = wallClock.instant();
    for (View view : List.of(View.LAST_15_MINUTES, View.LAST_HOUR, View.LAST_24_HOURS)) {
      long from = now - view.window().orElseThrow().toMinutes() + 1;
      store.write(view, new TopTags(writtenAt, clock, window(from, now), 0), queryId);
    }
    store.write(View.SURGE, new TopTags(writtenAt, clock, surge.update(buckets, now, TopTags.MAX_SIZE), 0), queryId);
  }

  /** The top of minutes {@code from} to {@code now} by count; authors only for the tags shown. */
  private List<TagCount> window(long from, long now) {
    List<TagCount> counted = new ArrayList<>();
    for (String key : buckets.keys()) {
      long count = buckets.count(key, from, now);
      if (count > 0) {
        counted.add(new TagCount(key, count));
      }
    }
    counted.sort(HIGHEST_FIRST); // by key first, to pick the top; shown casing and authors below
    List<TagCount> top = new ArrayList<>();
    for (TagCount c : counted.subList(0, Math.min(TopTags.MAX_SIZE, counted.size()))) {
      top.add(new TagCount(buckets.casing(c.tag(), from, now), c.count(), buckets.authors(c.tag(), from, now)));
    }
    top.sort(HIGHEST_FIRST);
    return top;
  }

  private void resume(String queryId) {
    buckets = new RecentBuckets();
    surge = new Surge(surgeSettings);
    store.readWrittenBy(View.LAST_HOUR, queryId).ifPresent(stored -> {
      clock = stored.clock();
      long now = minuteOf(clock);
      store.bucketsSince(now - SPAN.toMinutes() + 1).forEach(buckets::put);
      store.readWrittenBy(View.SURGE, queryId).ifPresent(s -> surge.resume(s.tags(), now));
    });
  }

  static long minuteOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), 60);
  }
}
