package io.trendtags.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stage's operations port: {@code GET /metrics} (its {@link StageMetrics}, in Prometheus' text format)
 * and {@code GET /health} (its {@link Health}, 200 when up, 503 otherwise), on a port of its own so that
 * scraping never competes with the stage's own traffic. The JDK's HTTP server: two routes need no more,
 * and the job jar that goes to a Spark cluster stays free of a web framework.
 */
public final class OpsServer implements AutoCloseable {

  /** Prometheus' text exposition format. */
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService handlers;

  private OpsServer(HttpServer server, ExecutorService handlers) {
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Serves {@code registry} and {@code health} on {@code host:port} ({@code port} 0: any free port).
   *
   * @throws IOException when the port is taken, with the port in the message
   */
  public static OpsServer start(String host, int port, PrometheusMeterRegistry registry, Health health) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IOException("cannot serve metrics on " + host + ":" + port + " (" + e.getMessage()
          + "); choose another with --metrics-port, or 0 for none", e);
    }
    server.createContext("/metrics", exchange -> {
      if (allowed(exchange)) {
        respond(exchange, 200, METRICS_TYPE, registry.scrape());
      }
    });
    server.createContext("/health", exchange -> {
      if (allowed(exchange)) {
        Health.Report report = health.report();
        respond(exchange, report.httpStatus(), "application/json", report.toJson());
      }
    });
    ExecutorService handlers = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "ops-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(handlers);
    server.start();
    return new OpsServer(server, handlers);
  }

  /** Only GET (and HEAD) of the exact paths; anything else gets 404 or 405. */
  private static boolean allowed(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals(exchange.getHttpContext().getPath())) {
      respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
      return false;
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      respond(exchange, 405, "text/plain; charset=utf-8", "use GET\n");
      return false;
    }
    return true;
  }

  private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port/metrics}. */
  public String metricsUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/metrics";
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
