package io.trendtags.client.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.ApiHttp;
import io.trendtags.client.feed.FeedJson;
import io.trendtags.client.feed.RateLimit;
import io.trendtags.client.feed.Secret;
import io.trendtags.client.ops.ClientMetrics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GET to a Mastodon instance's REST API with the user's access token ({@code Authorization: Bearer}),
 * and what came back: a JSON body with its headers, or an {@link ApiException} saying what kind of failure
 * it was. 206 ("home feed is regenerating") is a transient failure with the wait the server asked for. No
 * retries here: {@link MastodonTimeline} decides.
 */
public final class MastodonApi {

  /** How long a 206 waits when the server names no {@code retry}: the home controller's own value. */
  static final Duration REGENERATING_WAIT = Duration.ofSeconds(5);
  private static final Pattern RETRY = Pattern.compile("retry=(\\d+)");

  private final URI instance;
  private final Secret token;
  private final HttpClient http;
  private final Duration timeout;
  private final ClientMetrics metrics;

  /**
   * @param instance the instance's base URL, {@code https://mastodon.social} (or a test server)
   * @param timeout  the longest wait for one response; past it the request counts as a transient failure
   */
  public MastodonApi(URI instance, Secret token, Duration timeout, ClientMetrics metrics) {
    String url = instance.toString();
    this.instance = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.token = token;
    this.timeout = timeout;
    this.metrics = metrics;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** The instance's base URL. */
  public URI instance() {
    return instance;
  }

  /** The HTTP client, shared with the streaming connection. */
  HttpClient http() {
    return http;
  }

  /** A 200's JSON body and the response's headers. */
  public record Response(JsonNode body, HttpHeaders headers) {}

  /**
   * GETs {@code path} (e.g. {@code /api/v1/timelines/home}) with {@code query}.
   *
   * @throws ApiException for anything but a 200 with a JSON body
   * @throws InterruptedException if the thread is interrupted while waiting (the client is stopping)
   */
  public Response get(String path, Map<String, String> query) throws ApiException, InterruptedException {
    try {
      Response response = send(path, query);
      metrics.apiAnswered(RateLimit.mastodon(response.headers()), Instant.now());
      return response;
    } catch (ApiException e) {
      metrics.apiFailed(e);
      throw e;
    }
  }

  private Response send(String path, Map<String, String> query) throws ApiException, InterruptedException {
    StringJoiner queryString = new StringJoiner("&");
    query.forEach((name, value) -> queryString.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    URI uri = URI.create(instance + path + (query.isEmpty() ? "" : "?" + queryString));
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Authorization", "Bearer " + token.reveal())
        .header("Accept", "application/json")
        .header("User-Agent", "TrendTags")
        .GET()
        .build();
    HttpResponse<byte[]> response = ApiHttp.send(http, request, "GET " + path, timeout);
    int status = response.statusCode();
    JsonNode body = FeedJson.parse(response.body());
    if (status == 200) {
      if (body == null) {
        throw new ApiException(ApiException.Kind.TRANSIENT, "GET " + path + ": 200 but the body is not JSON", -1);
      }
      return new Response(body, response.headers());
    }
    String what = "GET " + path + ": " + status + " " + describe(body);
    if (status == 206) {
      long retry = response.headers().firstValue("mastodon-async-refresh").map(RETRY::matcher)
          .filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).orElse(REGENERATING_WAIT.toSeconds());
      throw new ApiException(ApiException.Kind.TRANSIENT, "GET " + path + ": 206, the home feed is being "
          + "regenerated; trying again in " + retry + " s", Instant.now().getEpochSecond() + Math.min(retry, 300));
    }
    throw ApiHttp.failure(status, what, RateLimit.mastodon(response.headers()).resetEpochSeconds());
  }

  /** Mastodon's error body {@code {"error": "...", "error_description": "..."}}, or what the body was. */
  static String describe(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "(no JSON body)";
    }
    String error = body.path("error").asText("");
    String description = body.path("error_description").asText("");
    String said = description.isEmpty() ? error : error + ": " + description;
    return said.isEmpty() ? "(no error in the body)" : "\"" + shorten(said) + "\"";
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
