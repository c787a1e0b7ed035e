package io.trendtags.stream.window;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The windows query's {@code foreachBatch}: stores the minute buckets the batch changed (the tag
 * history), then ranks the window views (15 min, 1 h, 24 h, by count) and the surge view from the
 * buckets of the last 26 hours, and writes each view's row: of every source, and of each network that
 * has buckets (its keys name it, {@link Source#key(String)}), each from buckets of its own.
 *
 * <p>The windows end at the stream's clock, the newest event time seen, at one-minute granularity:
 * "last hour" is the 60 minute buckets up to and including the clock's. After a restart the buckets
 * come back from the history table (written before the views, so a crash between the two loses
 * nothing), and a re-run batch puts the same buckets again.
 */
public final class WindowSink implements VoidFunction2<Dataset<Row>, Long> {

  /**
   * How far back the views look: the surge's last hour and the 24 clock hours before the one it begins in
   * (a day's window is within it).
   */
  static final Duration SPAN = Duration.ofHours(26);
  private static final List<View> WINDOWS = List.of(View.LAST_15_MINUTES, View.LAST_HOUR, View.LAST_24_HOURS);
  private static final Comparator<TagCount> HIGHEST_FIRST =
      Comparator.comparingLong(TagCount::count).reversed().thenComparing(TagCount::tag);

  private final transient TopTagsStore store;
  private final transient Clock wallClock;
  private final transient SurgeSettings surgeSettings;
  /** Every source's buckets and surge, and each network's seen; null until the first batch of a run. */
  private transient Map<Source, Ranked> ranked;
  private transient Instant clock;

  /** One source's buckets of the span and its surge. */
  private static final class Ranked {
    final RecentBuckets buckets =
        new RecentBuckets(WINDOWS.stream().map(v -> v.window().orElseThrow().toMinutes()).toList(), SPAN.toMinutes());
    final Surge surge;

    Ranked(SurgeSettings settings) {
      surge = new Surge(settings);
    }
  }

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
    if (ranked == null) {
      resume(queryId);
    }
    List<MinuteBucket> batch = new ArrayList<>(changed.size());
    for (Row row : changed) {
      Timestamp start = row.getAs(MinuteBuckets.BUCKET);
      batch.add(new MinuteBucket(row.getAs(MinuteBuckets.KEY), minuteOf(start.toInstant()),
          row.getAs(MinuteBuckets.CASING), row.<Long>getAs(MinuteBuckets.COUNT), compact(row.getAs(MinuteBuckets.AUTHORS))));
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
    batch.forEach(this::put);
    long now = minuteOf(clock);
    Instant writtenAt = wallClock.instant();
    for (var source : ranked.entrySet()) {
      RecentBuckets buckets = source.getValue().buckets;
      buckets.advance(now);
      for (View view : WINDOWS) {
        List<TagCount> top = window(buckets, view.window().orElseThrow().toMinutes(), now);
        store.write(new Ranking(view, source.getKey()), new TopTags(writtenAt, clock, top, 0), queryId);
      }
      List<TagCount> surging = source.getValue().surge.update(buckets, now, buckets.takeTouched(), TopTags.MAX_SIZE);
      store.write(new Ranking(View.SURGE, source.getKey()), new TopTags(writtenAt, clock, surging, 0), queryId);
    }
  }

  /** Puts a bucket, whose key may name a network ({@link Source#key(String)}), into its source's buckets. */
  private void put(MinuteBucket b) {
    Source source = Source.ofKey(b.key());
    Ranked into = ranked.computeIfAbsent(source, s -> new Ranked(surgeSettings));
    into.buckets.put(source == Source.ALL ? b
        : new MinuteBucket(Source.tagKey(b.key()), b.minute(), b.casing(), b.count(), b.authors()));
  }

  /** The top of the window of {@code minutes} ending at {@code now}; casing and authors for the tags shown only. */
  static List<TagCount> window(RecentBuckets buckets, long minutes, long now) {
    long from = now - minutes + 1;
    List<TagCount> top = new ArrayList<>();
    for (var e : buckets.top(minutes, TopTags.MAX_SIZE)) {
      top.add(new TagCount(buckets.casing(e.getKey(), from, now), e.getValue(), buckets.authors(e.getKey(), from, now)));
    }
    // Ranked by key among equal counts; shown, ties go by the casing shown.
    top.sort(HIGHEST_FIRST);
    return top;
  }

  /**
   * Takes back the span's buckets from the history table, and each source's surge from its row; the clock is
   * every source's, as the last hour of every source has it.
   */
  private void resume(String queryId) {
    ranked = new LinkedHashMap<>();
    ranked.put(Source.ALL, new Ranked(surgeSettings));
    store.readWrittenBy(Ranking.of(View.LAST_HOUR), queryId).ifPresent(stored -> {
      clock = stored.clock();
      long now = minuteOf(clock);
      store.bucketsSince(now - SPAN.toMinutes() + 1).forEach(this::put);
      ranked.forEach((source, r) -> {
        r.buckets.advance(now);
        r.buckets.takeTouched();
        store.readWrittenBy(new Ranking(View.SURGE, source), queryId).ifPresent(s -> r.surge.resume(s.tags(), now));
      });
    });
  }

  /**
   * A sketch in its compact form: Spark's aggregate gives the updatable one, which reserves room for more
   * authors (40 bytes for one author where the compact form needs 12). Most buckets have one or two
   * authors and millions of them are kept, here and in the history table.
   */
  static byte[] compact(byte[] sketch) {
    return HllSketch.heapify(Memory.wrap(sketch)).toCompactByteArray();
  }

  static long minuteOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), 60);
  }
}
