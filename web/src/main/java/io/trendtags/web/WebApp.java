package io.trendtags.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.plugin.bundled.GlobalHeadersConfig.ReferrerPolicy;
import io.trendtags.web.api.TopTagsEndpoint;
import io.trendtags.web.source.LatestTopTags;
import io.trendtags.web.source.TopTagsSource;
import java.time.Duration;

/**
 * The dashboard ({@code /}, static files and the Chart.js WebJar) and the JSON API ({@code /api/top}).
 *
 * <p>It takes its source of top hashtags in its constructor, reads it once per {@code refresh} for all
 * clients, and serves everything itself (no CDN) under {@code Content-Security-Policy: default-src 'self'}:
 * <pre>{@code
 * try (WebApp app = new WebApp(source, Duration.ofSeconds(1)).start("127.0.0.1", 0)) {
 *   URI dashboard = URI.create("http://127.0.0.1:" + app.port() + "/");
 * }
 * }</pre>
 */
public final class WebApp implements AutoCloseable {

  /** Scripts, styles, images and API calls from this server only: no inline script can run. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'";

  private final LatestTopTags latest;
  private final Javalin javalin;

  public WebApp(TopTagsSource source, Duration refresh) {
    this.latest = LatestTopTags.refreshedEvery(source, refresh);
    this.javalin = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      // A plain mapper: records as they are, no modules picked up from the classpath by surprise.
      config.jsonMapper(new JavalinJackson(new ObjectMapper(), false));
      config.staticFiles.add("/public", Location.CLASSPATH);
      config.staticFiles.enableWebjars();
      config.bundledPlugins.enableGlobalHeaders(headers -> {
        headers.contentSecurityPolicy(CONTENT_SECURITY_POLICY);
        headers.xContentTypeOptionsNoSniff();
        headers.referrerPolicy(ReferrerPolicy.NO_REFERRER);
      });
      config.routes.get(TopTagsEndpoint.PATH, new TopTagsEndpoint(latest));
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

  /** Stops serving and reading the source. */
  @Override
  public void close() {
    javalin.stop();
    latest.close();
  }
}
