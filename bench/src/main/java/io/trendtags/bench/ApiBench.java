package io.trendtags.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ./trendtags bench --api}: {@code /api/top?n=10} of a running web app under {@code wrk}, the load
 * generator the issue "Fast where users feel it" names, with its parameters ({@code -t2 -c64 -d20s}), run
 * {@code --runs} times in a row: the web app's JIT warms over the first runs, and each run is printed with
 * its own verdicts rather than one picked. wrk's own output is shown too. A run whose answers were not all
 * 2xx, or that had socket errors, is a failure, not a figure: an error page is fast and says nothing.
 */
final class ApiBench {

  static final double TARGET_REQUESTS_PER_SECOND = 20_000;
  static final Duration TARGET_P99 = Duration.ofMillis(20);
  static final String PATH = "/api/top?n=10";

  private final URI web;
  private final PrintStream out;

  ApiBench(URI web, PrintStream out) {
    this.web = web;
    this.out = out;
  }

  /** One wrk run: requests per second, the 99th percentile, and what went wrong. */
  record Run(double requestsPerSecond, Duration p99, long non2xx, long socketErrors) {

    private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)\\s*$");
    private static final Pattern P99 = Pattern.compile("(?m)^\\s+99%\\s+([0-9.]+)(us|ms|s|m)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s+Non-2xx or 3xx responses:\\s+(\\d+)\\s*$");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
        "(?m)^\\s+Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$");

    /** A run from the output of {@code wrk --latency}; empty if it has no rate or no 99th percentile. */
    static Optional<Run> parse(String wrkOutput) {
      Matcher rate = RATE.matcher(wrkOutput);
      Matcher p99 = P99.matcher(wrkOutput);
      if (!rate.find() || !p99.find()) {
        return Optional.empty();
      }
      Matcher non2xx = NON_2XX.matcher(wrkOutput);
      Matcher socket = SOCKET_ERRORS.matcher(wrkOutput);
      long errors = 0;
      if (socket.find()) {
        for (int group = 1; group <= 4; group++) {
          errors += Long.parseLong(socket.group(group));
        }
      }
      return Optional.of(new Run(Double.parseDouble(rate.group(1)), duration(p99.group(1), p99.group(2)),
          non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, errors));
    }

    private static Duration duration(String value, String unit) {
      double micros = Double.parseDouble(value) * switch (unit) {
        case "us" -> 1;
        case "ms" -> 1_000;
        case "s" -> 1_000_000;
        default -> 60_000_000; // "m", as wrk writes a minute
      };
      return Duration.ofNanos(Math.round(micros * 1_000));
    }

    boolean clean() {
      return non2xx == 0 && socketErrors == 0;
    }

    boolean meetsRate() {
      return requestsPerSecond >= TARGET_REQUESTS_PER_SECOND;
    }

    boolean meetsP99() {
      return p99.compareTo(TARGET_P99) < 0;
    }
  }

  /** Runs wrk {@code runs} times; 0 when every run was clean, 1 when one was not, 2 when wrk could not run. */
  int run(int runs, Duration each, int threads, int connections) throws IOException, InterruptedException {
    Optional<Path> wrk = wrk();
    if (wrk.isEmpty()) {
      out.println("bench: --api runs wrk, which is not on the PATH: install it (Debian: apt-get install wrk)");
      return 2;
    }
    URI target = web.resolve(PATH);
    List<String> command = List.of(wrk.get().toString(), "-t" + threads, "-c" + connections,
        "-d" + each.toSeconds() + "s", "--latency", target.toString());
    out.printf("bench: %d run%s in a row of: %s%n", runs, runs == 1 ? "" : "s", String.join(" ", command));
    int failed = 0;
    for (int i = 1; i <= runs; i++) {
      String output = wrk(command);
      Optional<Run> parsed = Run.parse(output);
      if (parsed.isEmpty()) {
        out.printf("bench: run %d: wrk gave no figures (is the web app running at %s? ./trendtags demo starts it)%n",
            i, web);
        return 2;
      }
      Run run = parsed.get();
      out.printf("bench: run %d: %,.0f req/s (target at least %,.0f: %s), p99 %.1f ms (target < %d ms: %s)%s%n", i,
          run.requestsPerSecond(), TARGET_REQUESTS_PER_SECOND, Verdict.of(run.meetsRate()),
          run.p99().toNanos() / 1e6, TARGET_P99.toMillis(), Verdict.of(run.meetsP99()),
          run.clean() ? "" : String.format("; FAILED: %,d answers not 2xx, %,d socket errors", run.non2xx(), run.socketErrors()));
      if (!run.clean()) {
        failed++;
      }
    }
    return failed == 0 ? 0 : 1;
  }

  private String wrk(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        out.println("  " + line);
        output.append(line).append('\n');
      }
    }
    process.waitFor();
    return output.toString();
  }

  /** wrk on the PATH, if there is one. */
  static Optional<Path> wrk() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "wrk"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
