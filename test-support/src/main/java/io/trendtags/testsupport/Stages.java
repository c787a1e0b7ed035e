package io.trendtags.testsupport;

import io.trendtags.launcher.process.DataDirectories;
import io.trendtags.launcher.process.StageProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stages for tests, started through {@code ./trendtags} as a user would, their output kept in
 * {@code target/stage-logs/} of the module under test.
 *
 * <pre>{@code
 * try (StageProcess stream = Stages.start("stream", "--bootstrap", kafka.bootstrapServers())) {
 *   stream.awaitReady(Duration.ofSeconds(90));
 *   ...
 * }
 * }</pre>
 */
public final class Stages {

  private static final Path LOG_DIR = Path.of("target", "stage-logs").toAbsolutePath();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Stages() {}

  /** The stages with a metrics port (default 9101-9103, as a user's would be). */
  private static final Set<String> WITH_METRICS_PORT = Set.of("web", "stream", "client");

  /**
   * Starts {@code ./trendtags <stage> <args>}; wait for it with {@link StageProcess#awaitReady}. A stage
   * with a metrics port gets {@code --metrics-port 0} (none) unless the test asks for one: tests run stages
   * side by side, and beside a developer's demo, whose stages hold the default ports.
   */
  public static StageProcess start(String stage, String... args) {
    StageProcess.Builder builder = builder(stage).args(args);
    if (WITH_METRICS_PORT.contains(stage) && !Arrays.asList(args).contains("--metrics-port")) {
      builder.args("--metrics-port", "0");
    }
    return builder.start();
  }

  /** A builder with the log file already chosen, for a working directory or environment of your own. */
  public static StageProcess.Builder builder(String stage) {
    return StageProcess.builder(stage).logFile(logFile(stage));
  }

  /** A fresh log file for {@code stage} under {@code target/stage-logs/}. */
  static Path logFile(String stage) {
    return LOG_DIR.resolve(stage + "-" + LocalDateTime.now().format(STAMP) + "-" + SEQUENCE.incrementAndGet() + ".log");
  }

  /** A new temporary directory for a server's data. */
  static Path newDataDir(String stage) {
    try {
      return Files.createTempDirectory("trendtags-" + stage + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for " + stage, e);
    }
  }

  /** Deletes a directory tree; what cannot be deleted is left behind rather than failing the test run. */
  static void deleteQuietly(Path root) {
    try {
      DataDirectories.delete(root);
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
    }
  }

}
