package io.trendtags.client.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trendtags.client.testing.FakeHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Bluesky server that follows the published contract (../shared/reference/bluesky-api/ENDPOINTS.md):
 * {@code createSession} with a handle and app password (401 {@code AuthenticationRequired} otherwise),
 * {@code refreshSession} with the refresh token (both tokens new; 400 {@code ExpiredToken} for an old one),
 * {@code getTimeline} with {@code limit} (1-100) and an opaque {@code cursor}, newest first, reposts as feed
 * items with a {@code reason}, tag facets at UTF-8 byte offsets, {@code ratelimit-*} headers; an expired access
 * token is 400 {@code ExpiredToken}. On cue: the access token expires, a 429.
 */
public final class FakeBluesky implements AutoCloseable {

  public static final String HANDLE = "alice.test";
  public static final String DID = "did:plc:alice0000000000000000000";
  public static final String APP_PASSWORD = "abcd-efgh-ijkl-mnop";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server saw it. */
  public record Request(String method, Map<String, String> query) {}

  private final HttpServer server;
  private final List<ObjectNode> feed = new ArrayList<>(); // oldest first
  private final List<String> keys = new ArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger signIns = new AtomicInteger();
  private volatile String accessJwt;
  private volatile String refreshJwt;
  private volatile boolean accessExpired;
  private volatile int tooManyRequests;
  private long clock = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();

  public FakeBluesky() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/xrpc/com.atproto.server.createSession", this::createSession);
    server.createContext("/xrpc/com.atproto.server.refreshSession", this::refreshSession);
    server.createContext("/xrpc/app.bsky.feed.getTimeline", this::getTimeline);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** {@code n} posts by bob, each tagged #Bluesky and #tag{i} after non-ASCII text; their Kafka keys, oldest first. */
  public synchronized List<String> post(int n) {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String uri = "at://did:plc:bob/app.bsky.feed.post/" + Long.toString(clock, 36) + i;
      ObjectNode item = JSON.createObjectNode();
      item.set("post", postView(uri, "did:plc:bob", "Grüße aus Köln ", List.of("Bluesky", "tag" + i)));
      made.add(add(item, "bluesky:" + uri));
    }
    return made;
  }

  /** A repost by {@code did} of the newest post; its Kafka key. */
  public synchronized String repost(String did) {
    ObjectNode reposted = feed.stream().filter(i -> !i.has("reason")).reduce((a, b) -> b).orElseThrow().deepCopy();
    String uri = "at://" + did + "/app.bsky.feed.repost/" + Long.toString(clock, 36);
    reposted.putObject("reason").put("$type", "app.bsky.feed.defs#reasonRepost").put("uri", uri)
        .put("indexedAt", Instant.ofEpochMilli(clock).toString())
        .putObject("by").put("did", did).put("handle", "someone.test");
    return add(reposted, "bluesky:" + uri);
  }

  private String add(ObjectNode item, String key) {
    clock += 1000;
    feed.add(item);
    keys.add(key);
    return key;
  }

  private ObjectNode postView(String uri, String author, String text, List<String> tags) {
    ObjectNode post = JSON.createObjectNode();
    post.put("uri", uri).put("cid", "bafyrei" + Long.toString(clock, 36));
    post.putObject("author").put("did", author).put("handle", "bob.test");
    ObjectNode record = post.putObject("record");
    record.put("$type", "app.bsky.feed.post").put("createdAt", Instant.ofEpochMilli(clock).toString());
    StringBuilder full = new StringBuilder(text);
    ArrayNode facets = record.putArray("facets");
    for (String tag : tags) {
      int start = full.toString().getBytes(StandardCharsets.UTF_8).length;
      full.append('#').append(tag);
      int end = full.toString().getBytes(StandardCharsets.UTF_8).length;
      full.append(' ');
      ObjectNode facet = facets.addObject();
      facet.putObject("index").put("byteStart", start).put("byteEnd", end);
      facet.putArray("features").addObject().put("$type", "app.bsky.richtext.facet#tag").put("tag", tag);
    }
    record.put("text", full.toString().strip());
    post.put("indexedAt", Instant.ofEpochMilli(clock).toString());
    return post;
  }

  /** Every feed item's Kafka key, oldest first. */
  public synchronized List<String> keys() {
    return List.copyOf(keys);
  }

  /** The current access token expires now: the next call with it gets 400 ExpiredToken. */
  public void expireAccessToken() {
    accessExpired = true;
  }

  /** The next {@code n} timeline requests answer 429. */
  public void tooManyRequests(int n) {
    tooManyRequests = n;
  }

  public int signIns() {
    return signIns.get();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private void createSession(HttpExchange exchange) throws IOException {
    requests.add(new Request("createSession", Map.of()));
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    if (!HANDLE.equals(body.path("identifier").asText()) || !APP_PASSWORD.equals(body.path("password").asText())) {
      FakeHttp.sendJson(exchange, 401, "{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}");
      return;
    }
    signIns.incrementAndGet();
    FakeHttp.sendJson(exchange, 200, newSession().toString());
  }

  private void refreshSession(HttpExchange exchange) throws IOException {
    requests.add(new Request("refreshSession", Map.of()));
    if (refreshJwt == null || !("Bearer " + refreshJwt).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      FakeHttp.sendJson(exchange, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has been revoked\"}");
      return;
    }
    FakeHttp.sendJson(exchange, 200, newSession().toString());
  }

  private ObjectNode newSession() {
    int n = sessions.incrementAndGet();
    accessJwt = "access-jwt-" + n + "-7c1e";
    refreshJwt = "refresh-jwt-" + n + "-9a2f";
    accessExpired = false;
    ObjectNode session = JSON.createObjectNode();
    session.put("did", DID).put("handle", HANDLE).put("accessJwt", accessJwt).put("refreshJwt", refreshJwt).put("active", true);
    session.putObject("didDoc").putArray("service").addObject().put("id", "#atproto_pds")
        .put("type", "AtprotoPersonalDataServer").put("serviceEndpoint", baseUrl().toString());
    return session;
  }

  private void getTimeline(HttpExchange exchange) throws IOException {
    Map<String, String> query = FakeHttp.query(exchange.getRequestURI());
    requests.add(new Request("getTimeline", query));
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      FakeHttp.sendJson(exchange, 401, "{\"error\":\"AuthMissing\",\"message\":\"Authentication Required\"}");
      return;
    }
    if (!("Bearer " + accessJwt).equals(auth)) {
      FakeHttp.sendJson(exchange, 400, "{\"error\":\"InvalidToken\",\"message\":\"Token could not be verified\"}");
      return;
    }
    if (accessExpired) {
      FakeHttp.sendJson(exchange, 400, "{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}");
      return;
    }
    long reset = Instant.now().getEpochSecond() + 300;
    exchange.getResponseHeaders().add("ratelimit-limit", "3000");
    exchange.getResponseHeaders().add("ratelimit-reset", Long.toString(reset));
    exchange.getResponseHeaders().add("ratelimit-policy", "3000;w=300");
    if (tooManyRequests > 0) {
      tooManyRequests--;
      exchange.getResponseHeaders().add("ratelimit-remaining", "0");
      exchange.getResponseHeaders().set("ratelimit-reset", Long.toString(Instant.now().getEpochSecond() + 1));
      FakeHttp.sendJson(exchange, 429, "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}");
      return;
    }
    exchange.getResponseHeaders().add("ratelimit-remaining", "2999");
    int limit = Integer.parseInt(query.getOrDefault("limit", "50"));
    if (limit < 1 || limit > 100) {
      FakeHttp.sendJson(exchange, 400, "{\"error\":\"InvalidRequest\",\"message\":\"limit must be 1..100\"}");
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    ArrayNode page = body.putArray("feed");
    synchronized (this) {
      // The cursor is opaque to the client; here it is the indexedAt of the last item given, as bsky.social's are.
      String cursor = query.get("cursor");
      List<ObjectNode> newestFirst = new ArrayList<>(feed);
      java.util.Collections.reverse(newestFirst);
      String last = null;
      for (ObjectNode item : newestFirst) {
        String at = sortAt(item);
        if (cursor != null && at.compareTo(cursor) >= 0) {
          continue;
        }
        if (page.size() == limit) {
          break;
        }
        page.add(item);
        last = at;
      }
      if (last != null) {
        body.put("cursor", last);
      }
    }
    FakeHttp.sendJson(exchange, 200, body.toString());
  }

  private static String sortAt(ObjectNode item) {
    return item.has("reason") ? item.path("reason").path("indexedAt").asText() : item.path("post").path("indexedAt").asText();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
