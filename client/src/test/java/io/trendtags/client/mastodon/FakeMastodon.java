package io.trendtags.client.mastodon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trendtags.client.testing.FakeHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local Mastodon instance that follows the published contract (../shared/reference/mastodon-api/ENDPOINTS.md):
 * {@code GET /api/v1/timelines/home} with {@code limit} (at most 40), {@code max_id}, {@code min_id} (the
 * statuses just above it, still newest first) and {@code since_id}, the {@code Link} header, the
 * {@code X-RateLimit-*} headers with an ISO-8601 reset, 401 for a bad token; {@code GET /api/v2/instance}
 * naming a streaming server on another port as {@code ws://}; and that server's
 * {@code GET /api/v1/streaming/user}: Server-Sent Events, {@code :)} first, an {@code update} event with the
 * whole Status for each new one, no replay. On cue: a 429, a 206 while the feed "regenerates", a dropped
 * stream, no streaming API at all (404).
 */
public final class FakeMastodon implements AutoCloseable {

  public static final String TOKEN = "mastodon-test-token-9f8e7d6c";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long FIRST_ID = 114_868_957_979_186_552L;

  /** One request as the instance saw it. */
  public record Request(String path, Map<String, String> query) {}

  private final HttpServer rest;
  private final HttpServer streaming;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<ObjectNode> statuses = new ArrayList<>(); // oldest first
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<BlockingQueue<String>> listeners = new CopyOnWriteArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private long nextId = FIRST_ID;
  private volatile int tooManyRequests;
  private volatile int regenerating;
  private volatile boolean streamingApi = true;
  private volatile boolean streamingDown;

  public FakeMastodon() throws IOException {
    rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    streaming = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    rest.setExecutor(threads);
    streaming.setExecutor(threads);
    rest.createContext("/api/v1/timelines/home", this::home);
    rest.createContext("/api/v2/instance", this::instance);
    streaming.createContext("/api/v1/streaming/user", this::stream);
    rest.start();
    streaming.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + rest.getAddress().getPort());
  }

  /** Posts {@code n} statuses by account 1, each tagged #Fediverse and #tag{i}; their ids, oldest first. */
  public synchronized List<String> post(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ObjectNode status = status(Long.toString(nextId++), "1", List.of("Fediverse", "tag" + i));
      ids.add(add(status));
    }
    return ids;
  }

  /** A boost by {@code booster} of a status of account 2 tagged {@code tag}; the boost's id. */
  public synchronized String boost(String booster, String tag) {
    ObjectNode boosted = status(Long.toString(nextId++ - 1_000_000), "2", List.of(tag));
    ObjectNode boost = status(Long.toString(nextId++), booster, List.of());
    boost.put("content", "");
    boost.put("uri", boost.get("uri").asText() + "/activity");
    boost.set("reblog", boosted);
    return add(boost);
  }

  /** Every status id of the timeline, oldest first. */
  public synchronized List<String> ids() {
    return List.copyOf(ids);
  }

  private String add(ObjectNode status) {
    statuses.add(status);
    ids.add(status.get("id").asText());
    String event = "event: update\ndata: " + status + "\n\n";
    listeners.forEach(l -> l.add(event));
    return status.get("id").asText();
  }

  private static ObjectNode status(String id, String account, List<String> tags) {
    ObjectNode status = JSON.createObjectNode();
    status.put("id", id);
    status.put("created_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    status.put("uri", "https://fake.social/users/u" + account + "/statuses/" + id);
    status.put("visibility", "public");
    StringBuilder content = new StringBuilder("<p>a post");
    ArrayNode tagArray = status.putArray("tags");
    for (String tag : tags) {
      content.append(" <a href=\"https://fake.social/tags/").append(tag).append("\" class=\"mention hashtag\" rel=\"tag\">#<span>")
          .append(tag).append("</span></a>");
      tagArray.addObject().put("name", tag.toLowerCase()).put("url", "https://fake.social/tags/" + tag.toLowerCase());
    }
    status.put("content", content.append("</p>").toString());
    status.putObject("account").put("id", account).put("acct", "u" + account);
    status.putNull("reblog");
    return status;
  }

  /** The next {@code n} home-timeline requests answer 429. */
  void tooManyRequests(int n) {
    tooManyRequests = n;
  }

  /** The next {@code n} home-timeline requests answer 206 with an empty part of the feed. */
  void regenerating(int n) {
    regenerating = n;
  }

  /** Closes every open stream, as a restart of the streaming server does. */
  public void dropStreams() {
    listeners.forEach(l -> l.add(""));
  }

  /** Whether the streaming server answers at all; without it, 404. */
  void streamingApi(boolean on) {
    streamingApi = on;
  }

  /** While down, the streaming server answers 503 (a restart, an overloaded proxy): the client retries. */
  void streamingDown(boolean down) {
    streamingDown = down;
  }

  public int openStreams() {
    return listeners.size();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    FakeHttp.sendJson(exchange, 401, "{\"error\":\"The access token is invalid\"}");
    return false;
  }

  private void home(HttpExchange exchange) throws IOException {
    Map<String, String> query = FakeHttp.query(exchange.getRequestURI());
    requests.add(new Request("/api/v1/timelines/home", query));
    if (!authorized(exchange)) {
      return;
    }
    String reset = Instant.now().plusSeconds(300).toString();
    exchange.getResponseHeaders().add("X-RateLimit-Limit", "300");
    exchange.getResponseHeaders().add("X-RateLimit-Reset", reset.replace("Z", "123Z"));
    if (tooManyRequests > 0) {
      tooManyRequests--;
      exchange.getResponseHeaders().add("X-RateLimit-Remaining", "0");
      exchange.getResponseHeaders().set("X-RateLimit-Reset", Instant.now().plusSeconds(1).toString());
      FakeHttp.sendJson(exchange, 429, "{\"error\":\"Too many requests\"}");
      return;
    }
    exchange.getResponseHeaders().add("X-RateLimit-Remaining", "299");
    if (regenerating > 0) {
      regenerating--;
      exchange.getResponseHeaders().add("Mastodon-Async-Refresh", "id=\"abc\", retry=1");
      FakeHttp.sendJson(exchange, 206, "[]");
      return;
    }
    int limit = Math.min(40, Integer.parseInt(query.getOrDefault("limit", "20")));
    List<ObjectNode> page;
    synchronized (this) {
      List<ObjectNode> candidates = statuses.stream()
          .filter(s -> !query.containsKey("max_id") || compare(s, query.get("max_id")) < 0)
          .filter(s -> !query.containsKey("since_id") || compare(s, query.get("since_id")) > 0)
          .filter(s -> !query.containsKey("min_id") || compare(s, query.get("min_id")) > 0)
          .sorted(Comparator.comparing((ObjectNode s) -> Long.parseLong(s.get("id").asText())).reversed())
          .toList();
      // min_id: the `limit` statuses just above it (the oldest of those newer); otherwise the newest.
      page = query.containsKey("min_id")
          ? candidates.subList(Math.max(0, candidates.size() - limit), candidates.size())
          : candidates.subList(0, Math.min(limit, candidates.size()));
    }
    ArrayNode body = JSON.createArrayNode();
    page.forEach(body::add);
    if (!page.isEmpty()) {
      String base = baseUrl() + "/api/v1/timelines/home?limit=" + limit;
      exchange.getResponseHeaders().add("Link", "<" + base + "&max_id=" + page.get(page.size() - 1).get("id").asText()
          + ">; rel=\"next\", <" + base + "&min_id=" + page.get(0).get("id").asText() + ">; rel=\"prev\"");
    }
    FakeHttp.sendJson(exchange, 200, body.toString());
  }

  private static int compare(ObjectNode status, String id) {
    return Long.compare(Long.parseLong(status.get("id").asText()), Long.parseLong(id));
  }

  private void instance(HttpExchange exchange) throws IOException {
    requests.add(new Request("/api/v2/instance", Map.of()));
    FakeHttp.sendJson(exchange, 200, "{\"domain\":\"fake.social\",\"configuration\":{\"urls\":{\"streaming\":\"ws://127.0.0.1:"
        + streaming.getAddress().getPort() + "\"}}}");
  }

  private void stream(HttpExchange exchange) throws IOException {
    requests.add(new Request("/api/v1/streaming/user", Map.of()));
    if (!streamingApi) {
      FakeHttp.sendJson(exchange, 404, "{\"error\":\"Not found\"}");
      return;
    }
    if (streamingDown) {
      FakeHttp.sendJson(exchange, 503, "<html>Service Unavailable</html>");
      return;
    }
    if (!authorized(exchange)) {
      return;
    }
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    listeners.add(events);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(":)\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      while (true) {
        String event = events.poll(15, TimeUnit.SECONDS);
        if (event == null) {
          event = ":thump\n";
        } else if (event.isEmpty()) {
          return; // dropped
        }
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (InterruptedException | IOException e) {
      // the client went away, or the server stops
    } finally {
      listeners.remove(events);
    }
  }

  @Override
  public void close() {
    dropStreams();
    rest.stop(0);
    streaming.stop(0);
    threads.shutdownNow();
  }
}
