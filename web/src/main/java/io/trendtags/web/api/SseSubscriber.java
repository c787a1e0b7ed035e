package io.trendtags.web.api;

import io.javalin.http.sse.SseClient;
import io.trendtags.core.top.Ranking;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One open {@code /api/stream}: its ranking and size, and a writer that never waits for the client.
 *
 * <p>Writes use the servlet container's non-blocking output ({@link WriteListener}): a client that stops
 * reading fills its socket, and then its events wait here instead of holding the thread that pushes to
 * everybody. Only the newest event waits (each one is the whole list, so an older one is worth nothing
 * once a newer exists): a slow client costs one event's bytes, never a queue. A client that has been
 * unable to take anything for longer than the stream's limit is dropped ({@link #behindLongerThan}).
 */
final class SseSubscriber implements WriteListener {

  private final SseClient client;
  private final ServletOutputStream out;
  private final Ranking ranking;
  private final int n;
  private final String address;
  private final Consumer<SseSubscriber> onClose;
  private byte[] pending;
  private boolean pendingIsEvent;
  private boolean flushPending;
  private long behindSince = -1;
  private boolean closed;

  SseSubscriber(SseClient client, Ranking ranking, int n, String address, Consumer<SseSubscriber> onClose) throws IOException {
    this.client = client;
    this.out = client.ctx().res().getOutputStream();
    this.ranking = ranking;
    this.n = n;
    this.address = address;
    this.onClose = onClose;
  }

  /** Switches the response to non-blocking writes; from then on only this class writes to it. */
  void start() {
    out.setWriteListener(this);
  }

  Ranking ranking() {
    return ranking;
  }

  int n() {
    return n;
  }

  String address() {
    return address;
  }

  /** Sends a {@code top} event with {@code json} as its data, replacing one still waiting. */
  synchronized void sendTop(String json) {
    offer(("event: top\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8), true);
  }

  /** Sends a comment line, unless an event is waiting (which does the same job). */
  synchronized void sendHeartbeat() {
    if (pending == null) {
      offer(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8), false);
    }
  }

  private void offer(byte[] bytes, boolean isEvent) {
    if (closed || (!isEvent && pendingIsEvent)) {
      return;
    }
    pending = bytes;
    pendingIsEvent = isEvent;
    pump();
  }

  @Override
  public synchronized void onWritePossible() {
    pump();
  }

  @Override
  public void onError(Throwable t) {
    close(); // the client went away
  }

  /** Writes while the socket takes it; when it does not, the container calls onWritePossible later. */
  private void pump() {
    if (closed) {
      return;
    }
    try {
      while (out.isReady()) {
        if (flushPending) {
          flushPending = false;
          out.flush();
        } else if (pending != null) {
          byte[] next = pending;
          pending = null;
          pendingIsEvent = false;
          out.write(next);
          flushPending = true;
        } else {
          behindSince = -1;
          return;
        }
      }
      if (behindSince < 0) {
        behindSince = System.nanoTime();
      }
    } catch (IOException | IllegalStateException e) {
      close();
    }
  }

  /** Whether the client has taken nothing for longer than {@code limit} while something waited for it. */
  synchronized boolean behindLongerThan(Duration limit) {
    return behindSince >= 0 && System.nanoTime() - behindSince > limit.toNanos();
  }

  synchronized boolean isClosed() {
    return closed;
  }

  /** Ends the stream (idempotent). */
  void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending = null;
    }
    onClose.accept(this);
    try {
      client.close();
    } catch (RuntimeException e) {
      // Already gone: nothing left to end.
    }
  }
}
