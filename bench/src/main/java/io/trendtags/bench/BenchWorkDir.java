package io.trendtags.bench;

import io.trendtags.launcher.process.DataDirectories;
import io.trendtags.launcher.process.StageProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The temporary directory a backlog bench writes in (its Kafka's and HBase's data, the job's checkpoints) and
 * the servers it starts there: both gone when the bench ends, also when Ctrl-C or SIGTERM ends it, which skip
 * a {@code finally}. A long run leaves gigabytes: a bench run after run must not fill the disk.
 */
final class BenchWorkDir implements AutoCloseable {

  private final Path dir;
  private final List<StageProcess> servers = new CopyOnWriteArrayList<>();
  private boolean closed;

  BenchWorkDir() throws IOException {
    dir = Files.createTempDirectory("trendtags-bench");
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "bench-cleanup"));
  }

  Path dir() {
    return dir;
  }

  /** Starts a server whose data lives here; it is stopped before the directory is deleted. */
  StageProcess start(StageProcess.Builder server) {
    StageProcess started = server.start();
    servers.add(started);
    return started;
  }

  /** Stops the servers, then deletes the directory; once, whichever of the bench and the hook comes first. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    servers.forEach(s -> s.stop(Duration.ofSeconds(30)));
    try {
      DataDirectories.delete(dir);
    } catch (IOException first) {
      // On Ctrl-C, Spark's own shutdown hook may still be writing a checkpoint file: once more, a moment later.
      try {
        Thread.sleep(1000);
        DataDirectories.delete(dir);
      } catch (IOException | InterruptedException e) {
        System.err.printf("bench: could not delete %s: %s%n", dir, e.getMessage());
      }
    }
  }
}
