package io.trendtags.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./trendtags bench --fan-out}: many dashboards open at once on a running demo's {@code /api/stream}.
 * Each push is the whole list, the same bytes to every stream of a view, so an event is known by its data.
 * For each event first seen while every stream is open, the spread is the time from its arrival on the first
 * stream to its arrival on the last one that got it (measured in this one JVM, so the spread includes this
 * client's own work on two busy cores: an upper bound). Beside it, the web app's HBase reads per second
 * ({@code trendtags_web_hbase_read_seconds_count} on its metrics) before the streams open and while they are
 * open: its one reader per view serves every stream, so the streams should add none.
 */
final class FanOutBench {

  static final Duration TARGET_P95_SPREAD = Duration.ofSeconds(1);
  /** Reads per second may vary this much between two windows of the same demo without a stream's help. */
  private static final double READS_NOISE = 1.2;
  private static final Duration QUIET_WINDOW = Duration.ofSeconds(20);
  /** Streams per loopback address: under the web app's default limit per address (100). */
  private static final int PER_ADDRESS = 90;
  private static final Pattern READS = Pattern.compile("(?m)^trendtags_web_hbase_read_seconds_count(?:\\{[^}]*})? ([0-9.eE+]+)$");

  private final URI web;
  private final URI metrics;
  private final HttpClient http;

  FanOutBench(URI web, URI metrics) {
    this.web = web;
    this.metrics = metrics;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** One event's first and last arrival, and on how many streams. */
  private static final class Event {
    long first;
    long last;
    int streams;
  }

  /** When each event reached each stream that got it. */
  private static final class Arrivals {
    private final Map<String, Event> events = new ConcurrentHashMap<>();
    private volatile long countingFrom = Long.MAX_VALUE;

    void seen(String data, long at) {
      if (at < countingFrom) {
        return; // a stream's first event, the list as it stood when it opened: not a push
      }
      events.compute(data, (k, event) -> {
        if (event == null) {
          event = new Event();
          event.first = at;
        }
        event.last = Math.max(event.last, at);
        event.streams++;
        return event;
      });
    }
  }

  /**
   * One dashboard's stream, on a socket of its own: HTTP/1.0, so the events come as they are written, not in
   * chunks. It connects from one of several loopback addresses, as dashboards come from many machines: the
   * web app allows 100 streams per address.
   */
  private static final class Dashboard implements Runnable {
    private final URI stream;
    private final InetAddress from;
    private final Arrivals arrivals;
    private final CompletableFuture<Void> firstEvent = new CompletableFuture<>();
    private final Socket socket = new Socket();

    Dashboard(URI stream, InetAddress from, Arrivals arrivals) {
      this.stream = stream;
      this.from = from;
      this.arrivals = arrivals;
    }

    @Override
    public void run() {
      try {
        socket.bind(new InetSocketAddress(from, 0));
        try {
          socket.connect(new InetSocketAddress(stream.getHost(), stream.getPort()), 10_000);
        } catch (ConnectException e) {
          throw new IOException("cannot reach the web app at " + stream, e);
        }
        socket.getOutputStream().write(("GET " + stream.getRawPath() + "?" + stream.getRawQuery() + " HTTP/1.0\r\n"
            + "Host: " + stream.getHost() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String status = in.readLine();
        if (status == null || !status.contains(" 200 ")) {
          throw new IOException(stream + " answered " + status);
        }
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("data:")) {
            arrivals.seen(line, System.nanoTime());
            firstEvent.complete(null);
          }
        }
        firstEvent.completeExceptionally(new IOException("the stream ended"));
      } catch (IOException e) {
        firstEvent.completeExceptionally(e);
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing: nothing to do
      }
    }
  }

  /** Runs the bench; a web app that cannot be reached, or that refuses a stream, ends it with one line. */
  int run(int streams, Duration measure) throws Exception {
    try {
      return measure(streams, measure);
    } catch (IOException | ExecutionException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.out.printf("bench: %s (is ./trendtags demo running? --web and --web-metrics name its web app)%n",
          cause.getMessage() == null ? cause.toString() : cause.getMessage());
      return 2;
    }
  }

  private int measure(int streams, Duration measure) throws Exception {
    URI stream = web.resolve("/api/stream?view=all&n=10");
    System.out.printf("bench: fan-out, %d dashboards on %s; HBase reads from %s%n", streams, stream, metrics);
    double quietReads = readsPerSecond(QUIET_WINDOW);
    System.out.printf("bench:   HBase reads with no dashboard of ours open: %.1f/s over %d s%n", quietReads, QUIET_WINDOW.toSeconds());

    Arrivals arrivals = new Arrivals();
    List<Dashboard> open = new ArrayList<>();
    ExecutorService readers = Executors.newFixedThreadPool(streams, r -> {
      Thread t = new Thread(null, r, "dashboard", 256 * 1024);
      t.setDaemon(true);
      return t;
    });
    try {
      for (int i = 0; i < streams; i++) {
        Dashboard dashboard = new Dashboard(stream, InetAddress.getByName("127.0.0." + (2 + i / PER_ADDRESS)), arrivals);
        open.add(dashboard);
        readers.execute(dashboard);
      }
      CompletableFuture.allOf(open.stream().map(d -> d.firstEvent).toArray(CompletableFuture[]::new))
          .get(120, TimeUnit.SECONDS);
      arrivals.countingFrom = System.nanoTime();
      System.out.printf("bench:   %d streams open from %d loopback addresses, each has its first event; counting pushes for %d s%n",
          streams, (streams + PER_ADDRESS - 1) / PER_ADDRESS, measure.toSeconds());
      double openReads = readsPerSecond(measure);
      return report(arrivals, streams, quietReads, openReads);
    } finally {
      open.forEach(Dashboard::close);
      readers.shutdownNow();
    }
  }

  private int report(Arrivals arrivals, int streams, double quietReads, double openReads) {
    List<Double> spreads = new ArrayList<>();
    long deliveries = 0;
    for (Event event : arrivals.events.values()) {
      spreads.add((event.last - event.first) / 1e9);
      deliveries += event.streams;
    }
    spreads.sort(Double::compare);
    int events = spreads.size();
    double p50 = LatencyBench.percentile(spreads, 0.50);
    double p95 = LatencyBench.percentile(spreads, 0.95);
    boolean spreadMet = events > 0 && p95 < TARGET_P95_SPREAD.toMillis() / 1e3;
    boolean readsMet = openReads <= quietReads * READS_NOISE;
    System.out.printf("bench:   %d pushes, %.1f%% of them reached every stream (a slow stream may skip to the newer list)%n",
        events, events == 0 ? 0.0 : 100.0 * deliveries / ((double) events * streams));
    System.out.printf("bench:   spread, first stream to last: p50 %.3f s, p95 %.3f s (target < %.1f s: %s), max %.3f s%n",
        p50, p95, TARGET_P95_SPREAD.toMillis() / 1e3, Verdict.of(spreadMet),
        events == 0 ? Double.NaN : spreads.get(events - 1));
    System.out.printf("bench:   HBase reads with the %d streams open: %.1f/s, against %.1f/s without (target: none added, "
        + "within %.0f%% noise: %s)%n", streams, openReads, quietReads, (READS_NOISE - 1) * 100, Verdict.of(readsMet));
    return events > 0 ? 0 : 1;
  }

  /** The web app's HBase reads per second over {@code window}, from its metrics. */
  private double readsPerSecond(Duration window) throws IOException, InterruptedException {
    double before = reads();
    long t0 = System.nanoTime();
    Thread.sleep(window.toMillis());
    double after = reads();
    return (after - before) / ((System.nanoTime() - t0) / 1e9);
  }

  private double reads() throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new IOException("cannot reach the web app's metrics at " + metrics, e);
    }
    Matcher m = READS.matcher(response.body());
    if (response.statusCode() != 200 || !m.find()) {
      throw new IOException(metrics + " has no trendtags_web_hbase_read_seconds_count (HTTP " + response.statusCode()
          + "): give the web app's metrics with --web-metrics");
    }
    return Double.parseDouble(m.group(1));
  }
}
