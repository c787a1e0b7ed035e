package io.trendtags.client.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local X API v2 that follows the contract of ../shared/reference/x-api/ENDPOINTS.md for {@code GET
 * /2/users/me} and the home timeline: it checks every request's OAuth 1.0a signature (401 if wrong), pages
 * newest first with {@code next_token}, honours {@code since_id}, leaves out {@code data} when there is
 * nothing, sends the {@code x-rate-limit-*} headers, and fails on cue (429, 503, 401, malformed JSON, a
 * stall past the client's timeout, partial errors). It counts any request that arrives while a 429's reset
 * is pending.
 */
public final class FakeXApi implements AutoCloseable {

  public static final String USER_ID = "2244994945";
  public static final XCredentials CREDENTIALS = new XCredentials("ck-fake-9f3b21", "cs-fake-secret-77ad10e4",
      "at-fake-2244994945-c0ffee", "as-fake-secret-5eed4a11");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern OAUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final String TIMELINE = "/2/users/" + USER_ID + "/timelines/reverse_chronological";
  private static final long FIRST_ID = 1_800_000_000_000_000_000L;

  /** A failure the next timeline request gets instead of its page. */
  public enum Fault { RATE_LIMITED_PROBLEM, RATE_LIMITED_CODE_88, UNAVAILABLE, UNAUTHORIZED, MALFORMED, STALL, PARTIAL_ERRORS }

  /** One request as it came. */
  public record Request(long atMillis, String path, Map<String, String> query) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final int pageSize;
  private final List<ObjectNode> tweets = new ArrayList<>(); // ascending ids
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> nonces = Collections.synchronizedSet(new HashSet<>());
  private volatile long blockedUntilMillis;
  private volatile int requestsWhileBlocked;
  private volatile int badSignatures;
  private volatile long stallMillis = 3000;
  private volatile int rateLimitResetSeconds = 2;
  private long nextId = FIRST_ID;

  /** A server on a free port of 127.0.0.1 serving pages of {@code pageSize} tweets at most. */
  public FakeXApi(int pageSize) throws IOException {
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Adds {@code count} new tweets at the top of the timeline, each with two hashtags; returns their ids. */
  public synchronized List<String> post(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(add(tweet(Long.toString(nextId++), Instant.now())));
    }
    return ids;
  }

  /** Adds a tweet as given (its id must be above every other); returns its id. */
  public synchronized String add(ObjectNode tweet) {
    tweets.add(tweet);
    nextId = Math.max(nextId, Long.parseLong(tweet.get("id").asText()) + 1);
    return tweet.get("id").asText();
  }

  /** The next id {@link #post} would use. */
  public synchronized String nextId() {
    return Long.toString(nextId);
  }

  /** Every id on the timeline, oldest first. */
  public synchronized List<String> ids() {
    return tweets.stream().map(t -> t.get("id").asText()).toList();
  }

  /** The next timeline requests fail this way, one fault each, in order. */
  public synchronized void fail(Fault... next) {
    faults.addAll(List.of(next));
  }

  public void stallMillis(long millis) {
    stallMillis = millis;
  }

  public void rateLimitResetSeconds(int seconds) {
    rateLimitResetSeconds = seconds;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public int requestsWhileBlocked() {
    return requestsWhileBlocked;
  }

  public int badSignatures() {
    return badSignatures;
  }

  /** A tweet as the API sends it with our tweet.fields: text with two hashtags, entities, author. */
  public static ObjectNode tweet(String id, Instant createdAt) {
    String tag = "tag" + (Long.parseLong(id) % 7);
    String text = "🚀 post " + id.substring(id.length() - 4) + " #" + tag + " #TrendTags";
    ObjectNode tweet = JSON.createObjectNode();
    tweet.put("id", id);
    tweet.put("text", text);
    tweet.put("created_at", createdAt.toString());
    tweet.put("author_id", "783214");
    tweet.put("lang", "en");
    tweet.putArray("edit_history_tweet_ids").add(id);
    ArrayNode hashtags = tweet.putObject("entities").putArray("hashtags");
    int first = text.codePointCount(0, text.indexOf("#" + tag));
    hashtags.addObject().put("start", first).put("end", first + 1 + tag.length()).put("tag", tag);
    int second = text.codePointCount(0, text.indexOf("#TrendTags"));
    hashtags.addObject().put("start", second).put("end", second + 10).put("tag", "TrendTags");
    return tweet;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      long now = System.currentTimeMillis();
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      requests.add(new Request(now, path, query));
      if (now < blockedUntilMillis) {
        requestsWhileBlocked++;
      }
      if (!signedRight(exchange, path, query)) {
        badSignatures++;
        send(exchange, 401, "application/problem+json",
            "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
        return;
      }
      if (path.equals("/2/users/me")) {
        send(exchange, 200, "application/json",
            "{\"data\":{\"id\":\"" + USER_ID + "\",\"name\":\"TrendTags Test\",\"username\":\"trendtags_test\"}}");
        return;
      }
      if (!path.equals(TIMELINE)) {
        send(exchange, 404, "application/problem+json", "{\"title\":\"Not Found Error\",\"type\":\"about:blank\",\"status\":404}");
        return;
      }
      Fault fault;
      synchronized (this) {
        fault = faults.poll();
      }
      if (fault != null && fault != Fault.PARTIAL_ERRORS) {
        fail(exchange, fault);
        return;
      }
      send(exchange, 200, "application/json", page(query, fault == Fault.PARTIAL_ERRORS));
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void fail(HttpExchange exchange, Fault fault) throws IOException {
    switch (fault) {
      case RATE_LIMITED_PROBLEM, RATE_LIMITED_CODE_88 -> {
        long reset = System.currentTimeMillis() / 1000 + rateLimitResetSeconds;
        blockedUntilMillis = reset * 1000;
        exchange.getResponseHeaders().add("x-rate-limit-limit", "180");
        exchange.getResponseHeaders().add("x-rate-limit-remaining", "0");
        exchange.getResponseHeaders().add("x-rate-limit-reset", Long.toString(reset));
        if (fault == Fault.RATE_LIMITED_PROBLEM) {
          send(exchange, 429, "application/problem+json",
              "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}");
        } else {
          send(exchange, 429, "application/json", "{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}");
        }
      }
      case UNAVAILABLE -> send(exchange, 503, "application/problem+json",
          "{\"title\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503,\"detail\":\"Service Unavailable\"}");
      case UNAUTHORIZED -> send(exchange, 401, "application/problem+json",
          "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}");
      case MALFORMED -> send(exchange, 200, "application/json", "{\"data\":[{\"id\":\"1\",\"text\":\"cut off");
      case STALL -> {
        try {
          Thread.sleep(stallMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(exchange, 503, "application/json", "{}");
      }
      default -> throw new IllegalStateException(fault.name());
    }
  }

  private synchronized String page(Map<String, String> query, boolean partialErrors) throws IOException {
    long sinceId = Long.parseLong(query.getOrDefault("since_id", "0"));
    String token = query.get("pagination_token");
    long untilId = token == null ? Long.MAX_VALUE : Long.parseLong(token.substring(1), 36);
    int max = Math.min(pageSize, Integer.parseInt(query.getOrDefault("max_results", "10")));
    List<ObjectNode> page = new ArrayList<>();
    boolean more = false;
    for (int i = tweets.size() - 1; i >= 0; i--) {
      long id = Long.parseLong(tweets.get(i).get("id").asText());
      if (id >= untilId) {
        continue;
      }
      if (id <= sinceId) {
        break;
      }
      if (page.size() == max) {
        more = true;
        break;
      }
      page.add(tweets.get(i));
    }
    ObjectNode body = JSON.createObjectNode();
    ObjectNode meta = JSON.createObjectNode();
    if (!page.isEmpty()) {
      ArrayNode data = body.putArray("data");
      page.forEach(data::add);
      meta.put("newest_id", page.get(0).get("id").asText());
      meta.put("oldest_id", page.get(page.size() - 1).get("id").asText());
    }
    meta.put("result_count", page.size());
    if (more) {
      meta.put("next_token", "n" + Long.toString(Long.parseLong(page.get(page.size() - 1).get("id").asText()), 36));
    }
    if (partialErrors) {
      body.putArray("errors").addObject()
          .put("resource_id", "1").put("resource_type", "tweet").put("title", "Not Found Error")
          .put("detail", "Could not find tweet with referenced_tweets.id: [1].")
          .put("type", "https://api.twitter.com/2/problems/resource-not-found");
    }
    body.set("meta", meta);
    return JSON.writeValueAsString(body);
  }

  private boolean signedRight(HttpExchange exchange, String path, Map<String, String> query) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("OAuth ")) {
      return false;
    }
    Map<String, String> oauth = new TreeMap<>();
    Matcher m = OAUTH_PARAM.matcher(header);
    while (m.find()) {
      oauth.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
    }
    String signature = oauth.remove("oauth_signature");
    if (signature == null || !CREDENTIALS.consumerKey().equals(oauth.get("oauth_consumer_key"))
        || !CREDENTIALS.accessToken().equals(oauth.get("oauth_token"))
        || !"HMAC-SHA1".equals(oauth.get("oauth_signature_method"))
        || Math.abs(Long.parseLong(oauth.getOrDefault("oauth_timestamp", "0")) - System.currentTimeMillis() / 1000) > 300
        || !nonces.add(oauth.getOrDefault("oauth_nonce", ""))) {
      return false;
    }
    Map<String, String> all = new TreeMap<>(query);
    all.putAll(oauth);
    String expected = OAuth1Signer.signature("GET", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
        all, CREDENTIALS.consumerSecret(), CREDENTIALS.accessSecret());
    return expected.equals(signature);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
    if (status != 429) {
      long window = System.currentTimeMillis() / 1000 / 900 * 900 + 900;
      exchange.getResponseHeaders().add("x-rate-limit-limit", "180");
      exchange.getResponseHeaders().add("x-rate-limit-remaining", "179");
      exchange.getResponseHeaders().add("x-rate-limit-reset", Long.toString(window));
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The JSON of a tweet as {@link #tweet} builds it, for comparing with what reached Kafka. */
  public static JsonNode parse(String json) throws IOException {
    return JSON.readTree(json);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
