package io.trendtags.web.ops;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.observe.Health;
import io.trendtags.web.source.LatestTopTags;
import io.trendtags.web.source.TopTagsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * What the web app tells its operators: its health (HBase readable, or the lists served getting old) and
 * its metrics: requests by route and status, open SSE streams, HBase read latency, and the age of the
 * list each view serves. Routes are counted by their pattern ({@code /api/tags/{tag}/history}), never by
 * the path a client sent, so no client can grow the number of series.
 */
public final class WebOps {

  private WebOps() {}

  /** The app's health: degraded while any view's list is stale (HBase unreadable or hanging). */
  public static Health health(Map<View, LatestTopTags> latest) {
    return new Health().add("hbase", () -> latest.values().stream().anyMatch(LatestTopTags::stale)
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
      public Optional<TopTags> read(View view) {
        return reads.record((java.util.function.Supplier<Optional<TopTags>>) () -> source.read(view));
      }

      @Override
      public NavigableMap<Long, Long> minuteCounts(String key, long from, long to) {
        return source.minuteCounts(key, from, to);
      }
    };
  }

  /** Gauges of the open SSE streams and of each view's list age. */
  public static void bind(MeterRegistry registry, Map<View, LatestTopTags> latest, IntSupplier openStreams) {
    Gauge.builder("trendtags.web.sse.streams", openStreams::getAsInt)
        .description("Open /api/stream connections").register(registry);
    latest.forEach((view, cache) -> Gauge.builder("trendtags.web.snapshot.age", cache, WebOps::ageSeconds)
        .description("Seconds since the stream job wrote the list this view serves").baseUnit("seconds")
        .tag("view", view.id()).register(registry));
  }

  private static double ageSeconds(LatestTopTags cache) {
    return cache.get().map(top -> Duration.between(top.updatedAt(), Instant.now()).toMillis() / 1e3).orElse(Double.NaN);
  }

  /** Counts one answered request as {@code trendtags.web.requests{route, status}}. */
  public static void countRequest(MeterRegistry registry, Context ctx) {
    Counter.builder("trendtags.web.requests").description("Requests answered")
        .tag("route", route(ctx)).tag("status", Integer.toString(ctx.statusCode()))
        .register(registry).increment();
  }

  /** The matched route's pattern; "static" for the page's files, "unmatched" for anything else. */
  static String route(Context ctx) {
    try {
      // The last HTTP endpoint that ran: in an after-handler, ctx.endpoint() is the after-handler itself.
      var matched = ctx.endpoints().lastHttpEndpoint();
      if (matched != null && matched.path != null && !matched.path.isEmpty() && !matched.path.equals("*")) {
        return matched.path;
      }
    } catch (RuntimeException noEndpoint) {
      // Static files and 404s have no endpoint of ours.
    }
    return ctx.statusCode() < 400 ? "static" : "unmatched";
  }
}
