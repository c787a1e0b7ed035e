package io.trendtags.web.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.web.source.LatestTopTags;
import java.io.IOException;
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
 * {@code GET /api/stream?view=&n=10&source=}: Server-Sent Events, one {@code top} event carrying the same JSON as
 * {@code GET /api/top?view=&n=&source=} on connect and then one per change of that ranking's list.
 *
 * <p>It never reads the source itself: it listens to {@link LatestTopTags}, so a thousand open streams
 * cost HBase what one does. One thread ("top-tags-push") hands each change to every client in order, and
 * never waits for one: each {@link SseSubscriber} writes without blocking and keeps only the newest event
 * for a client that is behind; a client behind for longer than {@link StreamLimits#dropBehindAfter()} is
 * dropped. Streams are capped in all and per address ({@link StreamLimits}), past which a new one gets 503
 * and {@code Retry-After}. A comment line every {@link #HEARTBEAT} keeps proxies from closing an idle
 * stream and finds clients that left.
 */
public final class TopTagsStream implements Handler, AutoCloseable {

  public static final String PATH = "/api/stream";
  private static final String EVENT_STREAM = "text/event-stream";
  static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration CHECK_BEHIND = Duration.ofSeconds(1);
  static final int RETRY_AFTER_SECONDS = 30;

  private final Map<Ranking, LatestTopTags> latest;
  private final StreamLimits limits;
  private final TopTagsBodies bodies;
  private final Set<SseSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  /** Streams admitted per address: counted at admission, so two connections racing cannot both pass a cap. */
  private final Map<String, Integer> perAddress = new HashMap<>();
  private int admitted;
  private final ScheduledExecutorService push = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "top-tags-push");
    thread.setDaemon(true);
    return thread;
  });

  public TopTagsStream(Map<Ranking, LatestTopTags> latest, StreamLimits limits, TopTagsBodies bodies) {
    this.latest = latest;
    this.limits = limits;
    this.bodies = bodies;
    latest.forEach((ranking, cache) -> cache.onChange(top -> push.execute(() -> sendToAll(ranking, top))));
    push.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    push.scheduleWithFixedDelay(this::dropThoseBehind, CHECK_BEHIND.toMillis(), CHECK_BEHIND.toMillis(), TimeUnit.MILLISECONDS);
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
    Optional<Source> source = TopTagsEndpoint.parseSource(ctx.queryParam("source"));
    if (source.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST).json(TopTagsEndpoint.badSource(ctx.queryParam("source")));
      return;
    }
    Ranking ranking = new Ranking(view.get(), source.get());
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains(EVENT_STREAM)) {
      // Javalin's SseHandler answers such a request with an empty 200, which looks like "no data" to a
      // curl user: say what the endpoint needs instead.
      ctx.status(HttpStatus.NOT_ACCEPTABLE).json(new ErrorJson(
          "this is a Server-Sent Events stream: send 'Accept: " + EVENT_STREAM + "' (curl -N -H 'Accept: "
              + EVENT_STREAM + "' ...), or GET /api/top for one answer"));
      return;
    }
    String address = ctx.req().getRemoteAddr();
    if (!admit(address)) {
      ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new ErrorJson(
          "too many open streams (at most " + limits.maxStreams() + " in all and " + limits.maxPerAddress()
              + " per address): try again later, or GET /api/top"));
      return;
    }
    try {
      new SseHandler(client -> subscribe(client, ranking, n, address)).handle(ctx);
    } catch (Exception | Error e) {
      release(address); // never became a subscriber
      throw e;
    }
  }

  /** How many streams are open now. */
  public int openStreams() {
    return subscribers.size();
  }

  private synchronized boolean admit(String address) {
    int fromAddress = perAddress.getOrDefault(address, 0);
    if (admitted >= limits.maxStreams() || fromAddress >= limits.maxPerAddress()) {
      return false;
    }
    admitted++;
    perAddress.put(address, fromAddress + 1);
    return true;
  }

  private synchronized void release(String address) {
    admitted--;
    perAddress.computeIfPresent(address, (a, count) -> count > 1 ? count - 1 : null);
  }

  private void subscribe(SseClient client, Ranking ranking, int n, String address) {
    SseSubscriber subscriber;
    try {
      subscriber = new SseSubscriber(client, ranking, n, address, this::closed);
    } catch (IOException e) {
      release(address);
      client.close();
      return;
    }
    client.onClose(subscriber::close);
    client.keepAlive();
    // On the push thread: the current value goes out before any later change does.
    push.execute(() -> {
      if (subscriber.isClosed()) {
        return;
      }
      subscribers.add(subscriber);
      subscriber.start();
      subscriber.sendTop(bodies.current(ranking, latest.get(ranking), n).text());
    });
  }

  /** Called once per subscriber, when its stream ends for whatever reason. */
  private void closed(SseSubscriber subscriber) {
    subscribers.remove(subscriber);
    release(subscriber.address());
  }

  private void sendToAll(Ranking ranking, Optional<TopTags> top) {
    // Serialized once per distinct n, not once per client: TopTagsBodies keeps each n's body of this value.
    boolean stale = latest.get(ranking).stale();
    for (SseSubscriber s : subscribers) {
      if (s.ranking().equals(ranking)) {
        s.sendTop(bodies.of(ranking, top, stale, s.n()).text());
      }
    }
  }

  private void heartbeat() {
    subscribers.forEach(SseSubscriber::sendHeartbeat);
  }

  private void dropThoseBehind() {
    for (SseSubscriber s : subscribers) {
      if (s.behindLongerThan(limits.dropBehindAfter())) {
        s.close();
      }
    }
  }

  /** Closes every open stream and stops pushing. */
  @Override
  public void close() {
    push.shutdownNow();
    subscribers.forEach(SseSubscriber::close);
    subscribers.clear();
  }
}
