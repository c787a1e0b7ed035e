package io.trendtags.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A dashboard's live stream ({@code /api/stream}), read on a thread of its own as a browser's
 * {@code EventSource} would: each count of one tag it showed, and when it was seen ({@link System#nanoTime()}).
 */
final class DashboardStream implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tag;
  private final Thread reader;
  private volatile Stream<String> lines;
  private long count = -1;
  private long seenAt;
  private IOException failure;

  DashboardStream(URI stream, HttpClient http, String tag) {
    this.tag = tag;
    HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build();
    reader = new Thread(() -> {
      try {
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
          throw new IOException(stream + " answered " + response.statusCode());
        }
        lines = response.body();
        lines.filter(line -> line.startsWith("data:")).forEach(line -> seen(countIn(line.substring(5))));
      } catch (UncheckedIOException e) {
        fail(e.getCause()); // the stream broke, or close() closed it
      } catch (IOException e) {
        fail(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // An event that is not the API's JSON: say so, rather than let every later probe time out unexplained.
        fail(new IOException(e.getMessage(), e));
      }
    }, "sse-watcher");
    reader.setDaemon(true);
    reader.start();
  }

  private synchronized void fail(IOException e) {
    failure = e;
    notifyAll();
  }

  private synchronized void seen(long probes) {
    if (probes != count) {
      count = probes;
      seenAt = System.nanoTime();
      notifyAll();
    }
  }

  /** Waits for the first event; the probe count it showed. */
  synchronized long first(Duration timeout) throws IOException, InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (count < 0 && failure == null && System.nanoTime() < until) {
      TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
    }
    if (failure != null) {
      throw failure;
    }
    if (count < 0) {
      throw new IOException("no event on the dashboard's stream within " + timeout.toSeconds() + " s");
    }
    return count;
  }

  /** The count last seen. */
  synchronized long count() {
    return count;
  }

  /**
   * Waits until the count reaches {@code at}; when it was seen, or -1 after {@code timeout}. Throws what
   * ended the stream, if it ended.
   */
  synchronized long awaitCount(long at, Duration timeout) throws IOException, InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (count < at && failure == null && System.nanoTime() < until) {
      TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
    }
    if (count < at && failure != null) {
      throw new IOException("the dashboard's stream ended: " + failure.getMessage(), failure);
    }
    return count >= at ? seenAt : -1;
  }

  @Override
  public void close() {
    reader.interrupt();
    Stream<String> open = lines;
    if (open != null) {
      open.close();
    }
  }

  /** The tag's count in one event; 0 while the list does not show it. */
  private long countIn(String data) {
    try {
      for (JsonNode shown : JSON.readTree(data).path("tags")) {
        if (tag.equalsIgnoreCase(shown.path("tag").asText())) {
          return shown.path("count").asLong();
        }
      }
      return 0;
    } catch (IOException e) {
      throw new IllegalStateException("the stream sent an event that is not JSON: " + e.getMessage(), e);
    }
  }
}
