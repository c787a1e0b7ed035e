package io.trendtags.launcher.process;

import io.trendtags.core.config.EffectiveConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stage ({@code kafka}, {@code hbase}, {@code stream}, ...) running as a child process, started through
 * {@code <TRENDTAGS_HOME>/trendtags <stage> <args>} exactly as a user starts it.
 *
 * <pre>{@code
 * try (StageProcess kafka = StageProcess.builder("kafka").args("--port", "19092").start()) {
 *   Map<String, String> ready = kafka.awaitReady(Duration.ofSeconds(60)); // {bootstrap=127.0.0.1:19092}
 *   ...
 * } // SIGTERM, then SIGKILL after the grace period
 * }</pre>
 *
 * <p>Its stdout and stderr go to a log file that keeps its newest 10-20 MB ({@link RollingLog}), optionally echoed to
 * our stdout with a {@code [stage] } prefix.
 * TRENDTAGS_HOME is the system property {@code trendtags.home}, else the environment variable. The script
 * {@code exec}s java, so {@link #pid()} is the stage's JVM and {@link #stop(Duration)} signals it directly.
 */
public final class StageProcess implements AutoCloseable {

  /** How long {@link #close()} lets a stage stop on SIGTERM before it kills it. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  private static final int TAIL_LINES = 40;

  // Children still running when this JVM exits (a test run interrupted with Ctrl-C, a failing demo) would
  // keep their ports and data dirs: one hook stops whatever is left.
  private static final Set<StageProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> RUNNING.forEach(stage -> stage.stop(Duration.ofSeconds(10))), "stage-process-cleanup"));
  }

  private final String stage;
  private final Process process;
  private final Path logFile;
  private final Deque<String> tail = new ArrayDeque<>();
  private final CompletableFuture<Map<String, String>> ready = new CompletableFuture<>();
  private final Thread pump;

  private final String readyAs;

  private StageProcess(String stage, String readyAs, Process process, Path logFile, boolean echo) {
    this.stage = stage;
    this.readyAs = readyAs;
    this.process = process;
    this.logFile = logFile;
    this.pump = new Thread(() -> copyOutput(echo), "stage-" + stage + "-output");
    this.pump.setDaemon(true);
    this.pump.start();
  }

  /** A builder for {@code ./trendtags <stage>}. */
  public static Builder builder(String stage) {
    return new Builder(stage);
  }

  /** The project's root directory, where the {@code trendtags} script is. */
  public static Path trendtagsHome() {
    String home = System.getProperty("trendtags.home");
    if (home == null || home.isBlank()) {
      home = System.getenv("TRENDTAGS_HOME");
    }
    if (home == null || home.isBlank()) {
      throw new IllegalStateException("TRENDTAGS_HOME is not set: start through ./trendtags, or set the system"
          + " property trendtags.home (Surefire/Failsafe do) or the environment variable TRENDTAGS_HOME");
    }
    return Path.of(home).toAbsolutePath();
  }

  /**
   * Waits for the stage's READY line and returns its key=value pairs.
   *
   * @throws IllegalStateException if the process exits first or the deadline passes; the message holds the
   *     last lines of its log
   */
  public Map<String, String> awaitReady(Duration timeout) throws InterruptedException {
    try {
      return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(stage + " was not ready within " + timeout + describeEnd(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** The process id of the stage's JVM. */
  public long pid() {
    return process.pid();
  }

  /** Waits for the stage to exit by itself: its exit code, or -1 if it still runs after {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Whether the stage is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The stage's name, as given to {@code ./trendtags}. */
  public String stage() {
    return stage;
  }

  /** Where its stdout and stderr are copied. */
  public Path logFile() {
    return logFile;
  }

  /** The last lines it printed, oldest first. */
  public List<String> lastLines() {
    synchronized (tail) {
      return List.copyOf(tail);
    }
  }

  /**
   * Stops the stage: SIGTERM, then SIGKILL if it is still running after {@code grace}.
   *
   * @return the exit code, or -1 if it could not be waited for
   */
  public int stop(Duration grace) {
    try {
      // Through the ProcessHandle: Process.destroy() would also close our end of its output, and lose the
      // lines the stage prints while it stops.
      if (process.isAlive()) {
        process.toHandle().destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
          process.toHandle().destroyForcibly();
          process.waitFor();
        }
      }
      return finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.toHandle().destroyForcibly();
      return -1;
    }
  }

  /** Kills the stage at once (SIGKILL), as a crash would, and waits until it is gone. */
  public int kill() {
    try {
      process.toHandle().destroyForcibly();
      process.waitFor();
      return finish();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** {@link #stop(Duration)} with {@link #DEFAULT_GRACE}. */
  @Override
  public void close() {
    stop(DEFAULT_GRACE);
  }

  private int finish() throws InterruptedException {
    RUNNING.remove(this);
    pump.join(TimeUnit.SECONDS.toMillis(5));
    return process.exitValue();
  }

  private void copyOutput(boolean echo) {
    try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         RollingLog log = new RollingLog(logFile, RollingLog.DEFAULT_LIMIT_BYTES)) {
      String line;
      while ((line = reader.readLine()) != null) {
        log.writeLine(line);
        remember(line);
        if (echo) {
          System.out.println("[" + stage + "] " + line);
        }
        if (!ready.isDone()) {
          ReadyLine.parse(readyAs, line).ifPresent(ready::complete);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(new UncheckedIOException("cannot copy the output of " + stage, e));
    } finally {
      // End of output: the process is gone (or closed its streams); a stage that never said READY never will.
      process.onExit().join();
      ready.completeExceptionally(new IllegalStateException(
          stage + " exited with code " + process.exitValue() + " before it was ready" + describeEnd()));
    }
  }

  private void remember(String line) {
    synchronized (tail) {
      if (tail.size() == TAIL_LINES) {
        tail.removeFirst();
      }
      tail.addLast(line);
    }
  }

  private String describeEnd() {
    return " (log " + logFile + "); last lines:\n  " + String.join("\n  ", lastLines());
  }

  /**
   * A child's environment: ours without the TrendTags variables that hold a credential
   * ({@code TRENDTAGS_X_CONSUMER_KEY}, ...), so that a secret reaches only the stage it is {@code given} to,
   * then {@code TRENDTAGS_SKIP_BUILD=1} (the parent built already) and what was given.
   */
  static Map<String, String> childEnvironment(Map<String, String> ours, Map<String, String> given) {
    Map<String, String> child = new LinkedHashMap<>(ours);
    child.keySet().removeIf(name -> name.startsWith("TRENDTAGS_") && EffectiveConfig.isSecret(name));
    child.put("TRENDTAGS_SKIP_BUILD", "1");
    child.putAll(given);
    return child;
  }

  /** How to start a stage: its arguments, environment, working directory and log file. */
  public static final class Builder {
    private final String stage;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path workingDir;
    private Path logFile;
    private boolean echo;
    private String readyAs;

    private Builder(String stage) {
      this.stage = stage;
      this.readyAs = stage;
    }

    /**
     * The stage whose READY line means this one is ready: {@code spark-submit} runs the {@code stream} stage's
     * main class, which says {@code TRENDTAGS READY stream}. By default the stage itself.
     */
    public Builder readyAs(String readyStage) {
      this.readyAs = readyStage;
      return this;
    }

    /** Arguments after the stage name. */
    public Builder args(String... more) {
      args.addAll(List.of(more));
      return this;
    }

    /** Arguments after the stage name. */
    public Builder args(List<String> more) {
      args.addAll(more);
      return this;
    }

    /**
     * An environment variable for the child, on top of ours (less our TrendTags secrets) and
     * {@code TRENDTAGS_SKIP_BUILD=1}: the way to hand a secret to the one stage that needs it.
     */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** The child's working directory (relative paths such as {@code data/kafka} resolve there); ours by default. */
    public Builder workingDir(Path dir) {
      this.workingDir = dir;
      return this;
    }

    /** Where its output goes; by default {@code <stage>.log} in the working directory, or a temp file. */
    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    /** Also print its output on our stdout, each line prefixed with {@code [stage] }. */
    public Builder echo(boolean echoToConsole) {
      this.echo = echoToConsole;
      return this;
    }

    /** Starts the stage. Wait for it with {@link StageProcess#awaitReady(Duration)}. */
    public StageProcess start() {
      Path script = trendtagsHome().resolve("trendtags");
      List<String> command = new ArrayList<>();
      command.add(script.toString());
      command.add(stage);
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> childEnvironment = childEnvironment(System.getenv(), environment);
      builder.environment().clear();
      builder.environment().putAll(childEnvironment);
      try {
        if (workingDir != null) {
          Files.createDirectories(workingDir);
          builder.directory(workingDir.toFile());
        }
        Path log = logFile != null ? logFile
            : workingDir != null ? workingDir.resolve(stage + ".log")
            : Files.createTempFile("trendtags-" + stage + "-", ".log");
        if (log.getParent() != null) {
          Files.createDirectories(log.getParent());
        }
        StageProcess started = new StageProcess(stage, readyAs, builder.start(), log, echo);
        RUNNING.add(started);
        return started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
      }
    }
  }
}
