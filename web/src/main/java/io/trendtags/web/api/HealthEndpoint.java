package io.trendtags.web.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.trendtags.core.top.View;
import io.trendtags.web.source.LatestTopTags;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: 200 {@code {"status":"ok","down":[]}} while the app reads HBase, 503
 * {@code {"status":"unavailable","down":["hbase"]}} while it cannot (it keeps serving the last lists it read,
 * marked {@code "stale": true}). For a load balancer or a supervisor; it reads nothing itself.
 */
public final class HealthEndpoint implements Handler {

  public static final String PATH = "/health";

  /** The answer's body. */
  public record Health(String status, List<String> down) {}

  private final Map<View, LatestTopTags> latest;

  public HealthEndpoint(Map<View, LatestTopTags> latest) {
    this.latest = latest;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    boolean hbaseDown = latest.values().stream().anyMatch(LatestTopTags::stale);
    if (hbaseDown) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new Health("unavailable", List.of("hbase")));
    } else {
      ctx.json(new Health("ok", List.of()));
    }
  }
}
