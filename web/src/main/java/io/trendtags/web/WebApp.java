package io.trendtags.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.plugin.bundled.GlobalHeadersConfig.ReferrerPolicy;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.View;
import io.trendtags.observe.Health;
import io.trendtags.observe.StageMetrics;
import io.trendtags.web.api.TagHistoryEndpoint;
import io.trendtags.web.api.TopTagsBodies;
import io.trendtags.web.api.TopTagsEndpoint;
import io.trendtags.web.api.TopTagsFastPath;
import io.trendtags.web.api.HealthEndpoint;
import io.trendtags.web.api.SourcesEndpoint;
import io.trendtags.web.api.StreamLimits;
import io.trendtags.web.api.TopTagsStream;
import io.trendtags.web.embed.EmbedPolicy;
import io.trendtags.web.ops.RequestCounts;
import io.trendtags.web.ops.WebOps;
import io.trendtags.web.page.TopTagsPages;
import io.trendtags.web.source.LatestTopTags;
import io.trendtags.web.source.TopTagsSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard ({@code /}), the widget ({@code /widget}, embedded with {@code embed.js}), their static
 * files and the Chart.js WebJar, and the JSON API: {@code /api/top} and its live twin {@code /api/stream},
 * each of any {@link Ranking} (a view of every source's posts or of one network's), {@code /api/sources}
 * and {@code /api/tags/{tag}/history}.
 *
 * <p>It takes its source of top hashtags in its constructor, reads each ranking's list once per
 * {@code refresh} for all clients (pages, API calls and open streams alike), and serves everything itself
 * (no CDN) under a Content-Security-Policy without inline scripts:
 * <pre>{@code
 * try (WebApp app = new WebApp(source, Duration.ofSeconds(1)).start("127.0.0.1", 0)) {
 *   URI dashboard = URI.create("http://127.0.0.1:" + app.port() + "/");
 * }
 * }</pre>
 */
public final class WebApp implements AutoCloseable {

  private static final int COPY_BUFFER_BYTES = 4096;

  private final Map<Ranking, LatestTopTags> latest;
  private final TopTagsStream stream;
  private final PrometheusMeterRegistry registry;
  private final Health health;
  private final Javalin javalin;

  /** An app whose widget any site may frame and whose API any origin may call. */
  public WebApp(TopTagsSource source, Duration refresh) {
    this(source, refresh, EmbedPolicy.OPEN);
  }

  public WebApp(TopTagsSource source, Duration refresh, EmbedPolicy embed) {
    this(source, refresh, embed, StreamLimits.DEFAULTS);
  }

  public WebApp(TopTagsSource source, Duration refresh, EmbedPolicy embed, StreamLimits streamLimits) {
    this(source, refresh, embed, streamLimits, StageMetrics.registry("web"));
  }

  /** An app whose metrics go to {@code registry} (served by the stage on its metrics port). */
  public WebApp(TopTagsSource source, Duration refresh, EmbedPolicy embed, StreamLimits streamLimits,
      PrometheusMeterRegistry registry) {
    this.registry = registry;
    TopTagsSource timed = WebOps.timed(source, registry);
    Map<Ranking, LatestTopTags> lists = new LinkedHashMap<>();
    for (Ranking ranking : Ranking.values()) {
      lists.put(ranking, LatestTopTags.refreshedEvery(() -> timed.read(ranking), refresh));
    }
    this.latest = Collections.unmodifiableMap(lists);
    TopTagsBodies bodies = new TopTagsBodies();
    this.stream = new TopTagsStream(latest, streamLimits, bodies);
    this.health = WebOps.health(latest);
    WebOps.bind(registry, latest, stream::openStreams);
    TopTagsPages pages = new TopTagsPages(latest);
    String widgetCsp = embed.widgetCsp();
    RequestCounts counts = new RequestCounts(registry);
    this.javalin = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      // A plain mapper: records as they are, no modules picked up from the classpath by surprise.
      config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
      // Javalin copies each answer to Jetty's output through a buffer it allocates per request, as large as
      // Jetty's output buffer (32 KB) unless set: three quarters of the app's allocations under wrk, for
      // bodies of a few KB. Jetty still gathers the pieces in its own pooled buffer before sending.
      config.http.responseBufferSize = COPY_BUFFER_BYTES;
      // The plain GET /api/top is answered by Jetty before Javalin (TopTagsFastPath); Javalin puts its
      // own handlers inside the server's handler, so everything else still reaches it.
      int compressFrom = config.http.compressionStrategy.getDefaultMinSizeForCompression();
      config.jetty.modifyServer(
          server -> server.setHandler(new TopTagsFastPath(latest, bodies, counts, registry, compressFrom)));
      config.staticFiles.add("/public", Location.CLASSPATH);
      config.staticFiles.enableWebjars();
      config.bundledPlugins.enableGlobalHeaders(headers -> {
        headers.xContentTypeOptionsNoSniff();
        headers.referrerPolicy(ReferrerPolicy.NO_REFERRER);
      });
      if (!embed.corsOrigins().isEmpty()) {
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
          rule.path = "/api/*";
          if (embed.anyOrigin()) {
            rule.anyHost();
          } else {
            List<String> origins = embed.corsOrigins();
            rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
          }
        }));
      }
      // Only the widget may be framed by other sites; every other answer keeps the strict policy.
      config.routes.before(ctx -> ctx.header("Content-Security-Policy",
          ctx.path().equals(TopTagsPages.WIDGET) ? widgetCsp : EmbedPolicy.PAGE_CSP));
      config.routes.get(TopTagsPages.DASHBOARD, pages::dashboard);
      config.routes.get(TopTagsPages.WIDGET, pages::widget);
      config.routes.get(TopTagsEndpoint.PATH, new TopTagsEndpoint(latest, bodies));
      config.routes.get(TopTagsStream.PATH, stream);
      config.routes.get(SourcesEndpoint.PATH, new SourcesEndpoint(latest));
      config.routes.get(HealthEndpoint.PATH, new HealthEndpoint(health));
      config.routes.after(counts);
      config.routes.get(TagHistoryEndpoint.PATH,
          new TagHistoryEndpoint(source, latest.get(Ranking.of(View.ALL)), Clock.systemUTC()));
    });
  }

  /** Starts serving on {@code host:port}; port 0 picks a free port, see {@link #port()}. */
  public WebApp start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  /** The port the app listens on, once started. */
  public int port() {
    return javalin.port();
  }

  /** Its metrics, for the stage's metrics port. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Its health, as {@code GET /health} answers it (here and on the metrics port). */
  public Health health() {
    return health;
  }

  /** Reads {@code ranking}'s list at once (on its cache's thread), as when the job says it just wrote it. */
  public void refreshSoon(Ranking ranking) {
    LatestTopTags list = latest.get(ranking);
    if (list != null) {
      list.refreshSoon();
    }
  }

  /** How many {@code /api/stream} clients are connected now. */
  public int openStreams() {
    return stream.openStreams();
  }

  /** Stops serving and reading the source. */
  @Override
  public void close() {
    stream.close();
    javalin.stop();
    latest.values().forEach(LatestTopTags::close);
  }
}
