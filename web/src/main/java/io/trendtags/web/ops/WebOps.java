package io.trendtags.web.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TopTags;
import io.trendtags.observe.Health;
import io.trendtags.web.source.LatestTopTags;
import io.trendtags.web.source.TopTagsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * What the web app tells its operators: its health (HBase readable, or the lists served getting old) and
 * its metrics: open SSE streams, HBase read latency, and the age of the list each view serves; requests
 * by route and status are {@link RequestCounts}.
 */
public final class WebOps {

  private WebOps() {}

  /**
   * The app's health: degraded while any view's list of every source is stale (HBase unreadable or
   * hanging). The networks' lists are read from the same HBase at the same pace, so they add nothing to
   * that; and an absent row (a network nobody follows) is no data, not a fault.
   */
  public static Health health(Map<Ranking, LatestTopTags> latest) {
    Map<Ranking, LatestTopTags> watched = everySource(latest);
    return new Health().add("hbase", () -> watched.values().stream().anyMatch(LatestTopTags::stale)
        ? Health.Check.degraded("cannot read HBase; serving the last lists read, marked stale")
        : Health.Check.up());
  }

  /** {@code source} with each read of a list timed as {@code trendtags.web.hbase.read}. */
  public static TopTagsSource timed(TopTagsSource source, MeterRegistry registry) {
    Timer reads = Timer.builder("trendtags.web.hbase.read").description("Reads of a view's list from HBase")
        .publishPercentiles(0.5, 0.99).register(registry);
    return new TopTagsSource() {
      @Override
      public Optional<TopTags> read() {
        return reads.record((java.util.function.Supplier<Optional<TopTags>>) source::read);
      }

      @Override
      public Optional<TopTags> read(Ranking ranking) {
        return reads.record((java.util.function.Supplier<Optional<TopTags>>) () -> source.read(ranking));
      }

      @Override
      public NavigableMap<Long, Long> minuteCounts(String key, long from, long to) {
        return source.minuteCounts(key, from, to);
      }
    };
  }

  /**
   * Gauges of the open SSE streams and of each view's list age, of every source: one series per view as
   * before the networks had lists of their own (a network's age says when it last posted, not whether
   * the pipeline is behind).
   */
  public static void bind(MeterRegistry registry, Map<Ranking, LatestTopTags> latest, IntSupplier openStreams) {
    Gauge.builder("trendtags.web.sse.streams", openStreams::getAsInt)
        .description("Open /api/stream connections").register(registry);
    everySource(latest).forEach((ranking, cache) -> Gauge.builder("trendtags.web.snapshot.age", cache, WebOps::ageSeconds)
        .description("Seconds since the stream job wrote the list this view serves").baseUnit("seconds")
        .tag("view", ranking.view().id()).register(registry));
  }

  private static Map<Ranking, LatestTopTags> everySource(Map<Ranking, LatestTopTags> latest) {
    Map<Ranking, LatestTopTags> all = new LinkedHashMap<>(latest);
    all.keySet().removeIf(ranking -> !ranking.source().equals(Source.ALL));
    return all;
  }

  private static double ageSeconds(LatestTopTags cache) {
    return cache.get().map(top -> Duration.between(top.updatedAt(), Instant.now()).toMillis() / 1e3).orElse(Double.NaN);
  }
}
