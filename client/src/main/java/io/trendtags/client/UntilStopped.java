package io.trendtags.client;

import io.trendtags.client.feed.ApiException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the client's work until it ends or a SIGTERM (Ctrl-C) stops it: a shutdown hook asks the work to stop
 * and waits for it, since the JVM exits when the hooks return and must not before the sink has flushed.
 */
final class UntilStopped {

  private static final Logger LOG = LoggerFactory.getLogger(UntilStopped.class);
  private static final long STOP_GRACE_SECONDS = 10;

  private UntilStopped() {}

  /** The work of a stage, ended by {@code stop} and an interrupt. */
  @FunctionalInterface
  interface Work {
    int run() throws IOException, ApiException;
  }

  /** Runs {@code work}, then closes {@code resources}; on SIGTERM calls {@code stop} and waits for all that. */
  static int run(Runnable stop, Work work, AutoCloseable... resources) throws IOException, ApiException {
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.run();
      try {
        done.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "client-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return work.run();
    } finally {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          LOG.warn("closing {}: {}", resource.getClass().getSimpleName(), e.getMessage());
        }
      }
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it waits on `done`, which we just released.
      }
    }
  }
}
