package io.trendtags.stream.sink;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.Ranking;
import io.trendtags.store.MinuteBucket;
import io.trendtags.store.TopTagsTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.apache.hadoop.hbase.TableNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HBase table as the job's {@link TopTagsStore}, connecting on first use and retrying while HBase is
 * unreachable: the job may start before HBase is up (the demo starts them side by side), and an HBase
 * that is down or restarting delays the batch, it does not fail the query. Retries back off from 2 s to
 * 30 s and go on without limit unless a deadline is given, each attempt logged once; the batch then
 * completes, and the next ones catch up with what waited in Kafka. An error that retrying cannot cure
 * (HBase's {@code DoNotRetryIOException}, a bad argument) fails the batch at once with its message.
 * Every failed attempt closes its connection, so an outage leaks none.
 *
 * <p>HBase's client bounds reads but not a large write: when HBase vanishes mid-write, its
 * {@code BufferedMutator} looks up each row's region in turn, each lookup failing only after its own
 * retries, for hours. So a watchdog closes the connection of a call during which HBase has answered
 * nothing for {@link #STALL_LIMIT}, and the call counts as a failed attempt.
 */
public final class RetryingTopTagsStore implements TopTagsStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingTopTagsStore.class);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
  /** Silence from HBase that abandons a call: far longer than any healthy call waits for an answer. */
  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final String hbaseZk;
  private final Duration deadline;
  private final Duration historyTtl;
  private final Duration stallLimit;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "hbase-call-watchdog");
    thread.setDaemon(true);
    return thread;
  });
  private TopTagsTable table;
  /** Set by {@link #close()}: a call still running then fails instead of retrying a store that is gone. */
  private volatile boolean closed;
  /** When the current run of failed attempts began ({@link System#nanoTime()}), 0 while HBase answers. */
  private volatile long failingSince;

  /** A store that retries without limit. */
  public RetryingTopTagsStore(String hbaseZk) {
    this(hbaseZk, null, TopTagsTable.DEFAULT_HISTORY_TTL);
  }

  /**
   * @param deadline how long one call retries before it fails, or null for no limit
   * @param historyTtl how long HBase keeps minute buckets, if this store creates their table
   */
  public RetryingTopTagsStore(String hbaseZk, Duration deadline, Duration historyTtl) {
    this(hbaseZk, deadline, historyTtl, STALL_LIMIT);
  }

  RetryingTopTagsStore(String hbaseZk, Duration deadline, Duration historyTtl, Duration stallLimit) {
    this.hbaseZk = hbaseZk;
    this.deadline = deadline;
    this.historyTtl = historyTtl;
    this.stallLimit = stallLimit;
  }

  @Override
  public synchronized Optional<TopTags> readWrittenBy(Ranking ranking, String queryId) {
    return retrying(table -> table.readWrittenBy(ranking, queryId));
  }

  @Override
  public synchronized void write(Ranking ranking, TopTags top, String queryId) {
    retrying(table -> {
      table.write(ranking, top, queryId);
      return null;
    });
  }

  @Override
  public synchronized void writeBuckets(List<MinuteBucket> buckets) {
    retrying(table -> {
      table.history().write(buckets);
      return null;
    });
  }

  @Override
  public synchronized List<MinuteBucket> bucketsSince(long fromMinute) {
    return retrying(table -> table.history().since(fromMinute));
  }

  private <T> T retrying(Function<TopTagsTable, T> call) {
    long started = System.nanoTime();
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; ; attempt++) {
      failIfClosed(null);
      try {
        if (table == null) {
          table = TopTagsTable.connect(hbaseZk, historyTtl);
          LOG.info("connected to HBase at {}", hbaseZk);
        }
        T result = watched(call, table);
        failingSince = 0;
        if (attempt > 1) {
          LOG.info("HBase at {} answered again after {} attempts", hbaseZk, attempt);
        }
        return result;
      } catch (RuntimeException e) {
        if (failingSince == 0) {
          failingSince = System.nanoTime();
        }
        closeQuietly();
        failIfClosed(e);
        if (!(e instanceof Stalled) && !retryable(e)) {
          throw new IllegalStateException("HBase at " + hbaseZk + " refused the batch: " + e.getMessage(), e);
        }
        if (deadline != null && System.nanoTime() - started > deadline.toNanos()) {
          throw new IllegalStateException("HBase at " + hbaseZk + " unreachable for " + deadline + ": " + e.getMessage(), e);
        }
        LOG.warn("HBase at {} unreachable (attempt {}: {}); retrying in {} s", hbaseZk, attempt, e.getMessage(),
            pause.toSeconds());
        pauseFor(pause);
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
      }
    }
  }

  /** How long HBase has failed every attempt, while it does: what the job's health reports. */
  public Optional<Duration> unreachableFor() {
    long since = failingSince;
    return since == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
  }

  /** HBase answered nothing for the stall limit during a call, whose connection was closed under it. */
  private static final class Stalled extends RuntimeException {
    Stalled(Duration limit, Throwable cause) {
      super("no answer for " + limit.toSeconds() + " s, connection closed"
          + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }
  }

  /** {@code call} on {@code current}, whose connection the watchdog closes if HBase falls silent. */
  private <T> T watched(Function<TopTagsTable, T> call, TopTagsTable current) {
    long started = System.nanoTime();
    AtomicBoolean abandoned = new AtomicBoolean();
    ScheduledFuture<?> check = watchdog.scheduleWithFixedDelay(() -> {
      long silent = System.nanoTime() - Math.max(started, current.answeredAtNanos());
      if (silent > stallLimit.toNanos() && abandoned.compareAndSet(false, true)) {
        LOG.warn("HBase at {} has answered nothing for {} s during a call; closing its connection", hbaseZk,
            stallLimit.toSeconds());
        try {
          current.close();
        } catch (RuntimeException alreadyBroken) {
          // The call fails either way; the next attempt opens a new connection.
        }
      }
    }, 1, 1, TimeUnit.SECONDS);
    try {
      T result = call.apply(current);
      if (abandoned.get()) {
        throw new Stalled(stallLimit, null); // it returned, but on a connection now closed: do it again
      }
      return result;
    } catch (RuntimeException e) {
      throw abandoned.get() && !(e instanceof Stalled) ? new Stalled(stallLimit, e) : e;
    } finally {
      check.cancel(false);
    }
  }

  /** Whether waiting can cure {@code e}: not when HBase says so, or when the call itself was wrong. */
  static boolean retryable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // A missing table is not final: the next connection creates it again.
      if ((t instanceof DoNotRetryIOException && !(t instanceof TableNotFoundException)) || t instanceof IllegalArgumentException) {
        return false;
      }
    }
    return true;
  }

  /** Waits without holding this store: {@link #close()} may come meanwhile, and ends the wait. */
  private void pauseFor(Duration pause) {
    try {
      wait(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for HBase", e);
    }
  }

  private void failIfClosed(RuntimeException cause) {
    if (closed) {
      throw new IllegalStateException("the job is stopping: HBase at " + hbaseZk + " is no longer written", cause);
    }
  }

  private void closeQuietly() {
    if (table != null) {
      try {
        table.close();
      } catch (RuntimeException ignored) {
        // Already broken; a new connection follows.
      }
      table = null;
    }
  }

  @Override
  public void close() {
    closed = true;
    watchdog.shutdownNow();
    synchronized (this) {
      notifyAll();
      closeQuietly();
    }
  }
}
