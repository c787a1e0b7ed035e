package io.trendtags.client.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.Backoff;
import io.trendtags.client.feed.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's stream of Mastodon's streaming API ({@code GET /api/v1/streaming/user}, Server-Sent Events),
 * held open on a thread of its own and reconnected with backoff whenever it drops, used to know at once that
 * the home timeline has something new: each {@code update} event, and each (re)connection (whatever came
 * while no connection was open is never replayed), ends {@link #awaitUpdate}. The statuses themselves are
 * fetched by {@link MastodonTimeline}'s {@code min_id} catch-up, so a dropped event loses nothing.
 *
 * <p>A stream that says nothing for {@link #IDLE_LIMIT} (the server sends a heartbeat every 15 s) is taken
 * for dead and opened again. Where the instance has no streaming API (404, or it refuses the connection for
 * good) the client just polls every {@code --poll-interval}.
 */
public final class MastodonStream implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MastodonStream.class);
  static final Duration IDLE_LIMIT = Duration.ofSeconds(45);
  static final String PATH = "/api/v1/streaming/user";

  private final URI base;
  private final Secret token;
  private final HttpClient http;
  private final Duration connectTimeout;
  private final Duration pollInterval;
  private final Backoff backoff = new Backoff(1000, 60_000, new Random());
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mastodon-stream-watchdog"));
  private final Thread reader = daemon(this::run, "mastodon-stream");
  private volatile boolean closed;
  private volatile boolean open;
  private volatile InputStream body;
  private volatile long lastHeardNanos = System.nanoTime();
  private boolean news;

  MastodonStream(URI base, Secret token, HttpClient http, Duration connectTimeout, Duration pollInterval) {
    this.base = base;
    this.token = token;
    this.http = http;
    this.connectTimeout = connectTimeout;
    this.pollInterval = pollInterval;
  }

  /**
   * Opens the user stream of the instance {@code api} talks to, on the streaming server the instance names
   * ({@code GET /api/v2/instance}: {@code configuration.urls.streaming}, a {@code wss://} URL whose host and
   * port serve Server-Sent Events over {@code https://}); the instance itself when it names none.
   */
  public static MastodonStream open(MastodonApi api, Secret token, Duration timeout, Duration pollInterval)
      throws InterruptedException {
    MastodonStream stream = new MastodonStream(streamingBase(api), token, api.http(), timeout, pollInterval);
    stream.reader.start();
    stream.watchdog.scheduleWithFixedDelay(stream::closeIfSilent, 5, 5, TimeUnit.SECONDS);
    return stream;
  }

  static URI streamingBase(MastodonApi api) throws InterruptedException {
    try {
      JsonNode instance = api.get("/api/v2/instance", Map.of()).body();
      String url = instance.path("configuration").path("urls").path("streaming").asText("");
      if (url.isEmpty()) {
        url = api.get("/api/v1/instance", Map.of()).body().path("urls").path("streaming_api").asText("");
      }
      if (!url.isEmpty()) {
        URI named = URI.create(url.replaceFirst("^wss://", "https://").replaceFirst("^ws://", "http://"));
        if (named.getHost() != null) {
          return URI.create(named.getScheme() + "://" + named.getRawAuthority());
        }
      }
    } catch (ApiException | IllegalArgumentException e) {
      LOG.info("the instance does not name its streaming server ({}); trying the instance itself", e.getMessage());
    }
    return api.instance();
  }

  /**
   * Waits until the stream says something came, or it (re)connected, or {@code max} passed, whichever is
   * first; returns at once if that happened since the last call.
   */
  public synchronized void awaitUpdate(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!news) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    news = false;
  }

  private synchronized void signal() {
    news = true;
    notifyAll();
  }

  private void run() {
    while (!closed) {
      try {
        if (!connect()) {
          LOG.warn("following the Mastodon home timeline by polling every {} s instead", pollInterval.toSeconds());
          return;
        }
        if (!closed) {
          LOG.info("the Mastodon stream ended; connecting again");
        }
      } catch (IOException e) {
        if (!closed) {
          long delay = backoff.nextDelayMillis();
          LOG.warn("the Mastodon stream failed ({}); connecting again in {} ms", e.getMessage(), delay);
          sleep(delay);
        }
      } catch (InterruptedException e) {
        return;
      } finally {
        open = false;
      }
    }
  }

  /** One connection, read to its end; false when the streaming API is not there to be had (poll instead). */
  private boolean connect() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + PATH))
        .timeout(connectTimeout) // until the headers; the body runs for as long as the stream lives
        .header("Authorization", "Bearer " + token.reveal())
        .header("Accept", "text/event-stream")
        .header("User-Agent", "TrendTags")
        .GET()
        .build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    if (status != 200) {
      response.body().close();
      if (status == 401 || status == 403 || status == 404 || status == 400) {
        LOG.warn("the Mastodon streaming API at {} answered {}", base, status);
        return false;
      }
      throw new IOException("the streaming API answered " + status);
    }
    body = response.body();
    open = true;
    lastHeardNanos = System.nanoTime();
    backoff.reset();
    LOG.info("listening to the Mastodon stream at {}", base);
    signal(); // anything posted while no connection was open is fetched now
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = null;
      String line;
      while ((line = lines.readLine()) != null) {
        lastHeardNanos = System.nanoTime();
        if (line.startsWith("event:")) {
          event = line.substring("event:".length()).strip();
        } else if (line.isEmpty()) {
          if ("update".equals(event)) {
            signal();
          }
          event = null;
        }
      }
    }
    return true;
  }

  private void closeIfSilent() {
    InputStream current = body;
    if (open && current != null && System.nanoTime() - lastHeardNanos > IDLE_LIMIT.toNanos()) {
      LOG.warn("the Mastodon stream said nothing for {} s; connecting again", IDLE_LIMIT.toSeconds());
      closeQuietly(current);
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing a dead connection: nothing to do
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    closed = true;
    watchdog.shutdownNow();
    InputStream current = body;
    if (current != null) {
      closeQuietly(current);
    }
    reader.interrupt();
  }
}
