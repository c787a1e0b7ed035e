package io.trendtags.web.ops;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts each answered request as {@code trendtags.web.requests{route, status}}, as an after-handler. Routes
 * are counted by their pattern ({@code /api/tags/{tag}/history}), never by the path a client sent, so no
 * client can grow the number of series: the counters here are at most the app's routes times the HTTP
 * statuses. Each is registered once and kept, where building its id per request (tags, a registry lookup)
 * was a fortieth of the app's CPU under {@code wrk}.
 */
public final class RequestCounts implements Handler {

  private final MeterRegistry registry;
  private final Map<String, Map<Integer, Counter>> byRoute = new ConcurrentHashMap<>();

  public RequestCounts(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(Context ctx) {
    count(route(ctx), ctx.statusCode());
  }

  /** Counts one request to {@code route} (a route's pattern) answered with {@code status}. */
  public void count(String route, int status) {
    byRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> Counter.builder("trendtags.web.requests")
            .description("Requests answered").tag("route", route).tag("status", Integer.toString(s))
            .register(registry))
        .increment();
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
