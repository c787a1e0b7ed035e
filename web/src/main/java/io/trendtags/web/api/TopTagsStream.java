package io.trendtags.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.web.source.LatestTopTags;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/stream?n=10}: Server-Sent Events, one {@code top} event carrying the same JSON as
 * {@code GET /api/top?n=} on connect and then one per change.
 *
 * <p>It never reads the source itself: it listens to {@link LatestTopTags}, so a thousand open streams
 * cost HBase what one does. Every write to the clients happens on one thread ("top-tags-push"), which
 * keeps each client's events in order and keeps slow clients off the HBase refresh thread. A comment
 * line every {@link #HEARTBEAT} keeps proxies from closing an idle stream and finds clients that left.
 */
public final class TopTagsStream implements Handler, AutoCloseable {

  public static final String PATH = "/api/stream";
  private static final String EVENT_STREAM = "text/event-stream";
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final Map<View, LatestTopTags> latest;
  private final ObjectMapper json = new ObjectMapper();
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService push = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "top-tags-push");
    thread.setDaemon(true);
    return thread;
  });

  private record Subscriber(SseClient client, View view, int n) {}

  public TopTagsStream(Map<View, LatestTopTags> latest) {
    this.latest = latest;
    latest.forEach((view, cache) -> cache.onChange(top -> push.execute(() -> sendToAll(view, top))));
    push.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void handle(Context ctx) throws Exception {
    String raw = ctx.queryParam("n");
    Integer n = TopTagsEndpoint.parseN(raw);
    if (n == null) {
      ctx.status(HttpStatus.BAD_REQUEST).json(TopTagsEndpoint.badN(raw));
      return;
    }
    Optional<View> view = TopTagsEndpoint.parseView(ctx.queryParam("view"));
    if (view.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST).json(TopTagsEndpoint.badView(ctx.queryParam("view")));
      return;
    }
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains(EVENT_STREAM)) {
      // Javalin's SseHandler answers such a request with an empty 200, which looks like "no data" to a
      // curl user: say what the endpoint needs instead.
      ctx.status(HttpStatus.NOT_ACCEPTABLE).json(new ErrorJson(
          "this is a Server-Sent Events stream: send 'Accept: " + EVENT_STREAM + "' (curl -N -H 'Accept: "
              + EVENT_STREAM + "' ...), or GET /api/top for one answer"));
      return;
    }
    new SseHandler(client -> subscribe(client, view.get(), n)).handle(ctx);
  }

  /** How many streams are open now. */
  public int openStreams() {
    return subscribers.size();
  }

  private void subscribe(SseClient client, View view, int n) {
    Subscriber subscriber = new Subscriber(client, view, n);
    client.onClose(() -> subscribers.remove(subscriber));
    client.keepAlive();
    // On the push thread: the current value goes out before any later change does.
    push.execute(() -> {
      if (!client.terminated()) {
        send(subscriber, TopTagsJson.of(view, latest.get(view).get(), n));
        subscribers.add(subscriber);
      }
    });
  }

  private void sendToAll(View view, Optional<TopTags> top) {
    // Serialized once per distinct n, not once per client.
    Map<Integer, String> bodies = new HashMap<>();
    for (Subscriber s : subscribers) {
      if (s.view() != view) {
        continue;
      }
      String body = bodies.computeIfAbsent(s.n(), n -> toJson(TopTagsJson.of(view, top, n)));
      sendRaw(s, body);
    }
  }

  private void send(Subscriber subscriber, TopTagsJson top) {
    sendRaw(subscriber, toJson(top));
  }

  private void sendRaw(Subscriber subscriber, String body) {
    if (subscriber.client().terminated()) {
      subscribers.remove(subscriber);
      return;
    }
    subscriber.client().sendEvent("top", body);
  }

  private void heartbeat() {
    for (Subscriber s : subscribers) {
      if (s.client().terminated()) {
        subscribers.remove(s);
      } else {
        s.client().sendComment("heartbeat");
      }
    }
  }

  private String toJson(TopTagsJson top) {
    try {
      return json.writeValueAsString(top);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the top hashtags as JSON", e);
    }
  }

  /** Closes every open stream and stops pushing. */
  @Override
  public void close() {
    push.shutdownNow();
    subscribers.forEach(s -> s.client().close());
    subscribers.clear();
  }
}
