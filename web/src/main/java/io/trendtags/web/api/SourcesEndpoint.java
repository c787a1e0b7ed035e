package io.trendtags.web.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.trendtags.core.top.Ranking;
import io.trendtags.web.source.FeedingSource;
import io.trendtags.web.source.LatestTopTags;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/sources}: the networks whose posts feed the pipeline, in a fixed order, each with the
 * time of its newest post: {@code [{"source": "mastodon", "label": "Mastodon", "newest": "<ISO-8601>"}]}.
 * A {@code source} here is one {@code ?source=} takes. Read from the lists the app already holds, never
 * from HBase per request.
 */
public final class SourcesEndpoint implements Handler {

  public static final String PATH = "/api/sources";

  /** One network that feeds the pipeline. */
  public record SourceJson(String source, String label, String newest) {}

  private final Map<Ranking, LatestTopTags> latest;

  public SourcesEndpoint(Map<Ranking, LatestTopTags> latest) {
    this.latest = latest;
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    List<SourceJson> feeding = FeedingSource.in(latest).stream()
        .map(f -> new SourceJson(f.source().id(), f.source().label(), f.newest() == null ? null : f.newest().toString()))
        .toList();
    ctx.json(feeding);
  }
}
