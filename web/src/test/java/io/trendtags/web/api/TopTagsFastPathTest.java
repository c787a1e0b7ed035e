package io.trendtags.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.web.ops.RequestCounts;
import io.trendtags.web.source.InMemoryTopTagsSource;
import io.trendtags.web.source.LatestTopTags;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path on a real Jetty server, in front of a handler that answers 418 to whatever reaches it: what
 * the fast path answers, and what it leaves to the handler behind it (Javalin, in the app).
 */
class TopTagsFastPathTest {

  private static final int COMPRESS_FROM = 1500;

  private final HttpClient http = HttpClient.newHttpClient();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TopTagsBodies bodies = new TopTagsBodies();
  private final Map<Ranking, LatestTopTags> latest = new LinkedHashMap<>();
  private Server server;

  @BeforeEach
  void start() throws Exception {
    // 60 tags: the first ten are a small body, all of them one Javalin would compress.
    List<TagCount> tags = IntStream.rangeClosed(1, 60).mapToObj(i -> new TagCount("Tag" + i, 1000 - i)).toList();
    InMemoryTopTagsSource source = new InMemoryTopTagsSource().set(new TopTags(Instant.parse("2026-12-04T20:00:00Z"), tags, 7));
    for (Ranking ranking : Ranking.values()) {
      LatestTopTags list = new LatestTopTags(() -> source.read(ranking));
      list.refresh();
      latest.put(ranking, list);
    }
    TopTagsFastPath fastPath = new TopTagsFastPath(latest, bodies, new RequestCounts(registry), registry, COMPRESS_FROM);
    fastPath.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(418);
        callback.succeeded();
        return true;
      }
    });
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(fastPath);
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    latest.values().forEach(LatestTopTags::close);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder get(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getURI().getPort() + pathAndQuery));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/top", "/api/top?n=10", "/api/top?n=3&view=15m&source=mastodon", "/api/top?view=surge"})
  void answers_a_plain_request_with_the_body_the_endpoint_would_give_and_counts_it(String pathAndQuery) throws Exception {
    HttpResponse<String> response = send(get(pathAndQuery));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).startsWith("{\"view\":").contains("\"tags\":[");
    assertThat(registry.get("trendtags.web.requests").tag("route", "/api/top").tag("status", "200").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("trendtags.web.requests.fast").counter().count()).isEqualTo(1.0);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/top?n=0", "/api/top?n=abc", "/api/top?view=week", "/api/top?source=myspace",
      "/api/top?n=10&n=3", "/api/top?n=10&callback=x", "/api/top/", "/api/topx", "/api/stream?n=10", "/",
      "/api/top?n=60"})
  void leaves_errors_other_paths_odd_queries_and_bodies_to_compress_to_the_handler_behind_it(String pathAndQuery)
      throws Exception {
    assertThat(send(get(pathAndQuery)).statusCode()).isEqualTo(418);
    assertThat(registry.find("trendtags.web.requests").counter()).isNull();
    assertThat(registry.get("trendtags.web.requests.fast").counter().count()).isZero();
  }

  @Test
  void leaves_cross_origin_requests_which_need_cors_headers_and_other_methods_to_the_handler_behind_it()
      throws Exception {
    assertThat(send(get("/api/top?n=10").header("Origin", "https://example.org")).statusCode()).isEqualTo(418);
    assertThat(send(get("/api/top?n=10").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode())
        .isEqualTo(418);
    assertThat(send(get("/api/top?n=10").POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
        .isEqualTo(418);
  }
}
