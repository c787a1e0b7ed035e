package io.trendtags.client.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.ApiHttp;
import io.trendtags.client.feed.FeedJson;
import io.trendtags.client.feed.RateLimit;
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

/**
 * One XRPC call to a Bluesky (AT Protocol) server: a query ({@code GET /xrpc/<method>}) or a procedure
 * ({@code POST} with a JSON body), with a bearer token, and what came back: a JSON body with its headers, or an
 * {@link ApiException}. A 400 {@code ExpiredToken} is {@link ApiException.Kind#EXPIRED} (refresh the session);
 * other errors are read from {@code {"error", "message"}}. No retries here: {@link BlueskyTimeline} decides.
 */
public final class BlueskyApi {

  private final URI service;
  private final HttpClient http;
  private final Duration timeout;
  private final ClientMetrics metrics;

  /** @param service the server to call, {@code https://bsky.social} (or a test server) */
  public BlueskyApi(URI service, Duration timeout, ClientMetrics metrics) {
    String url = service.toString();
    this.service = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.timeout = timeout;
    this.metrics = metrics;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A 200's JSON body and the response's headers. */
  public record Response(JsonNode body, HttpHeaders headers) {}

  /** {@code GET /xrpc/<method>?query} with {@code Authorization: Bearer <token>}. */
  public Response query(String method, Map<String, String> query, String token) throws ApiException, InterruptedException {
    StringJoiner queryString = new StringJoiner("&");
    query.forEach((name, value) -> queryString.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    HttpRequest.Builder request = request(method + (query.isEmpty() ? "" : "?" + queryString), token).GET();
    return call("GET " + method, request);
  }

  /** {@code POST /xrpc/<method>} with a JSON {@code body} (none when null) and the token, if any. */
  public Response procedure(String method, ObjectNode body, String token) throws ApiException, InterruptedException {
    HttpRequest.Builder request = request(method, token);
    if (body == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(FeedJson.bytes(body)));
    }
    return call("POST " + method, request);
  }

  private HttpRequest.Builder request(String methodAndQuery, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service + "/xrpc/" + methodAndQuery))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("User-Agent", "TrendTags");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Response call(String what, HttpRequest.Builder request) throws ApiException, InterruptedException {
    try {
      HttpResponse<byte[]> response = ApiHttp.send(http, request.build(), what, timeout);
      int status = response.statusCode();
      JsonNode body = FeedJson.parse(response.body());
      RateLimit rateLimit = RateLimit.bluesky(response.headers());
      if (status == 200) {
        if (body == null || !body.isObject()) {
          throw new ApiException(ApiException.Kind.TRANSIENT, what + ": 200 but the body is not a JSON object", -1);
        }
        metrics.apiAnswered(rateLimit, Instant.now());
        return new Response(body, response.headers());
      }
      String error = body == null ? "" : body.path("error").asText("");
      String message = what + ": " + status + " " + describe(body);
      if (status == 400 && "ExpiredToken".equals(error)) {
        throw new ApiException(ApiException.Kind.EXPIRED, message, -1);
      }
      throw ApiHttp.failure(status, message, rateLimit.resetEpochSeconds());
    } catch (ApiException e) {
      metrics.apiFailed(e);
      throw e;
    }
  }

  /** The XRPC error body {@code {"error": "...", "message": "..."}}, or what the body was. */
  static String describe(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "(no JSON body)";
    }
    String error = body.path("error").asText("");
    String message = body.path("message").asText("");
    String said = message.isEmpty() ? error : error + ": " + message;
    return said.isEmpty() ? "(no error in the body)" : "\"" + (said.length() <= 200 ? said : said.substring(0, 200) + "…") + "\"";
  }
}
