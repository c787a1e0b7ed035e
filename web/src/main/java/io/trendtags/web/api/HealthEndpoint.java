package io.trendtags.web.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.trendtags.observe.Health;

/**
 * {@code GET /health} on the app's own port: 200 {@code {"status":"up","down":[],"checks":{...}}} while the app
 * reads HBase, 503 {@code {"status":"degraded","down":["hbase"],...}} with the reason while it cannot (it keeps
 * serving the last lists it read, marked {@code "stale": true}). The same answer as on the metrics port, for
 * a load balancer that knows only the app's port. It reads nothing itself.
 */
public final class HealthEndpoint implements Handler {

  public static final String PATH = "/health";

  private final Health health;

  public HealthEndpoint(Health health) {
    this.health = health;
  }

  @Override
  public void handle(Context ctx) {
    Health.Report report = health.report();
    ctx.header("Cache-Control", "no-store").status(report.httpStatus()).contentType("application/json").result(report.toJson());
  }
}
