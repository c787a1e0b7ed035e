package io.trendtags.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiBenchTest {

  // wrk 4.1's output, as it printed it on this machine.
  private static final String CLEAN = """
      Running 2s test @ http://127.0.0.1:18080/
        2 threads and 8 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency   154.46ms   79.13ms 380.07ms   68.09%
          Req/Sec    23.17     10.23    50.00     65.00%
        Latency Distribution
           50%  141.27ms
           75%  193.52ms
           90%  284.62ms
           99%  380.07ms
        93 requests in 2.01s, 8.11MB read
      Requests/sec:     46.25
      Transfer/sec:      4.03MB
      """;
  // Its answers were 404s; the socket errors line is wrk's own format (src/wrk.c), added to the same run.
  private static final String FAILING = """
      Running 2s test @ http://127.0.0.1:18080/missing
        1 threads and 4 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     2.84ms    1.18ms  19.85ms   91.96%
          Req/Sec     1.40k    72.72     1.48k    80.95%
        Latency Distribution
           50%    2.71ms
           75%    3.15ms
           90%    3.66ms
           99%  812.00us
        2924 requests in 2.10s, 1.45MB read
        Socket errors: connect 0, read 2, write 0, timeout 5
        Non-2xx or 3xx responses: 2924
      Requests/sec:   1392.36
      Transfer/sec:    707.23KB""";

  @Test
  void readsTheRateAndTheNinetyNinthPercentileInWrksUnits() {
    assertThat(ApiBench.Run.parse(CLEAN)).hasValueSatisfying(run -> {
      assertThat(run.requestsPerSecond()).isEqualTo(46.25);
      assertThat(run.p99()).isEqualTo(Duration.ofNanos(380_070_000));
      assertThat(run.clean()).isTrue();
      assertThat(run.meetsRate()).isFalse();
      assertThat(run.meetsP99()).isFalse();
    });
    assertThat(ApiBench.Run.parse(FAILING)).hasValueSatisfying(run -> {
      assertThat(run.p99()).isEqualTo(Duration.ofNanos(812_000));
      assertThat(run.meetsP99()).isTrue();
      assertThat(run.non2xx()).isEqualTo(2924);
      assertThat(run.socketErrors()).isEqualTo(7);
      assertThat(run.clean()).isFalse();
    });
    assertThat(ApiBench.Run.parse("unable to connect to 127.0.0.1:1 Connection refused")).isEmpty();
  }

  @Test
  void runsWrkAgainstAServerAndJudgesEachRun() throws Exception {
    assertThat(ApiBench.wrk()).as("wrk on the PATH (.ci/run installs it)").isPresent();
    AtomicLong served = new AtomicLong();
    HttpServer server = server(200, served);
    try {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      int exit = new ApiBench(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
          new PrintStream(printed, true, StandardCharsets.UTF_8)).run(2, Duration.ofSeconds(1), 1, 4);

      String out = printed.toString(StandardCharsets.UTF_8);
      assertThat(exit).as(out).isZero();
      assertThat(served.get()).as("requests the server answered").isPositive();
      assertThat(out).contains("/api/top?n=10").contains("bench: run 1: ").contains("bench: run 2: ")
          .containsPattern("run 1: [0-9,]+ req/s \\(target at least 20,000: (NOT )?met\\), p99 [0-9.]+ ms \\(target < 20 ms");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRunOfErrorAnswersFailsTheBench() throws Exception {
    HttpServer server = server(500, new AtomicLong());
    try {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      int exit = new ApiBench(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
          new PrintStream(printed, true, StandardCharsets.UTF_8)).run(1, Duration.ofSeconds(1), 1, 2);

      assertThat(exit).isEqualTo(1);
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("FAILED").contains("answers not 2xx");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void noWebAppIsOneLineAndExitTwo() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit = new ApiBench(URI.create("http://127.0.0.1:" + port + "/"),
        new PrintStream(printed, true, StandardCharsets.UTF_8)).run(1, Duration.ofSeconds(1), 1, 2);

    assertThat(exit).isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("wrk gave no figures").contains("./trendtags demo");
  }

  /** A server whose /api/top answers {@code status} with a small JSON body, counting what it served. */
  private static HttpServer server(int status, AtomicLong served) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    byte[] body = "{\"tags\":[]}".getBytes(StandardCharsets.UTF_8);
    server.createContext("/api/top", exchange -> {
      served.incrementAndGet();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return server;
  }
}
