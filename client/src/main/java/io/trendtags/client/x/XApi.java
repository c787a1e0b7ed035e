package io.trendtags.client.x;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.ApiHttp;
import io.trendtags.client.feed.FeedJson;
import io.trendtags.client.feed.RateLimit;
import io.trendtags.client.ops.ClientMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One signed GET to the X API v2 and what came back: a JSON body with the rate-limit headers, or an
 * {@link ApiException} saying what kind of failure it was. No retries here: {@link HomeTimeline} decides.
 */
public final class XApi {

  private final URI baseUrl;
  private final OAuth1Signer signer;
  private final HttpClient http;
  private final Duration timeout;
  private final ClientMetrics metrics;

  /**
   * @param baseUrl {@code https://api.x.com}, or a test server
   * @param timeout the longest wait for one response; past it the request counts as a transient failure
   */
  public XApi(URI baseUrl, OAuth1Signer signer, Duration timeout) {
    this(baseUrl, signer, timeout, ClientMetrics.unserved());
  }

  /** As {@link #XApi(URI, OAuth1Signer, Duration)}, noting each answer and failure in {@code metrics}. */
  public XApi(URI baseUrl, OAuth1Signer signer, Duration timeout, ClientMetrics metrics) {
    this.metrics = metrics;
    String url = baseUrl.toString();
    this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.signer = signer;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A 200's JSON body and its rate-limit headers. */
  public record Response(JsonNode body, RateLimit rateLimit) {}

  /**
   * GETs {@code path} (e.g. {@code /2/users/me}) with {@code query} (decoded values).
   *
   * @throws ApiException for anything but a 200 with a JSON object
   * @throws InterruptedException if the thread is interrupted while waiting (the client is stopping)
   */
  public Response get(String path, Map<String, String> query) throws ApiException, InterruptedException {
    try {
      Response response = send(path, query);
      metrics.apiAnswered(response.rateLimit(), Instant.now());
      return response;
    } catch (ApiException e) {
      metrics.apiFailed(e);
      throw e;
    }
  }

  private Response send(String path, Map<String, String> query) throws ApiException, InterruptedException {
    URI endpoint = URI.create(baseUrl + path);
    StringJoiner queryString = new StringJoiner("&");
    query.forEach((name, value) -> queryString.add(OAuth1Signer.percentEncode(name) + "=" + OAuth1Signer.percentEncode(value)));
    URI uri = URI.create(endpoint + (query.isEmpty() ? "" : "?" + queryString));
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Authorization", signer.authorization("GET", endpoint, query))
        .header("Accept", "application/json")
        .header("User-Agent", "TrendTags")
        .GET()
        .build();
    HttpResponse<byte[]> response = ApiHttp.send(http, request, "GET " + path, timeout);
    RateLimit rateLimit = RateLimit.of(response.headers());
    int status = response.statusCode();
    JsonNode body = FeedJson.parse(response.body());
    if (status == 200) {
      if (body == null || !body.isObject()) {
        throw new ApiException(ApiException.Kind.TRANSIENT, "GET " + path + ": 200 but the body is not a JSON object", -1);
      }
      return new Response(body, rateLimit);
    }
    String what = "GET " + path + ": " + status + " " + describe(body);
    throw ApiHttp.failure(status, what, rateLimit.resetEpochSeconds());
  }

  /**
   * The error in either of X's shapes: a problem+json ({@code title}, {@code detail}) or the older
   * {@code {"errors":[{"code":88,"message":...}]}}.
   */
  static String describe(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "(no JSON body)";
    }
    Map<String, String> parts = new LinkedHashMap<>();
    if (body.hasNonNull("title")) {
      parts.put("title", body.get("title").asText());
    }
    if (body.hasNonNull("detail") && !body.get("detail").asText().equals(body.path("title").asText())) {
      parts.put("detail", body.get("detail").asText());
    }
    if (body.hasNonNull("reason")) {
      parts.put("reason", body.get("reason").asText());
    }
    JsonNode errors = body.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      JsonNode first = errors.get(0);
      String message = first.path("message").asText(first.path("detail").asText(""));
      parts.put("error", (first.has("code") ? "code " + first.get("code").asText() + ": " : "")
          + (first.has("title") ? first.get("title").asText() + ": " : "") + message);
    }
    if (parts.isEmpty()) {
      return "(an error body of unknown shape)";
    }
    StringJoiner out = new StringJoiner("; ");
    parts.values().forEach(out::add);
    return out.toString();
  }
}
