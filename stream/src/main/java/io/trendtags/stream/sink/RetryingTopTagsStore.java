package io.trendtags.stream.sink;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.MinuteBucket;
import io.trendtags.store.TopTagsTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 */
public final class RetryingTopTagsStore implements TopTagsStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingTopTagsStore.class);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  private final String hbaseZk;
  private final Duration deadline;
  private final Duration historyTtl;
  private TopTagsTable table;

  /** A store that retries without limit. */
  public RetryingTopTagsStore(String hbaseZk) {
    this(hbaseZk, null, TopTagsTable.DEFAULT_HISTORY_TTL);
  }

  /**
   * @param deadline how long one call retries before it fails, or null for no limit
   * @param historyTtl how long HBase keeps minute buckets, if this store creates their table
   */
  public RetryingTopTagsStore(String hbaseZk, Duration deadline, Duration historyTtl) {
    this.hbaseZk = hbaseZk;
    this.deadline = deadline;
    this.historyTtl = historyTtl;
  }

  @Override
  public synchronized Optional<TopTags> readWrittenBy(View view, String queryId) {
    return retrying(table -> table.readWrittenBy(view, queryId));
  }

  @Override
  public synchronized void write(View view, TopTags top, String queryId) {
    retrying(table -> {
      table.write(view, top, queryId);
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
      try {
        if (table == null) {
          table = TopTagsTable.connect(hbaseZk, historyTtl);
          LOG.info("connected to HBase at {}", hbaseZk);
        }
        T result = call.apply(table);
        if (attempt > 1) {
          LOG.info("HBase at {} answered again after {} attempts", hbaseZk, attempt);
        }
        return result;
      } catch (RuntimeException e) {
        closeQuietly();
        if (!retryable(e)) {
          throw new IllegalStateException("HBase at " + hbaseZk + " refused the batch: " + e.getMessage(), e);
        }
        if (deadline != null && System.nanoTime() - started > deadline.toNanos()) {
          throw new IllegalStateException("HBase at " + hbaseZk + " unreachable for " + deadline + ": " + e.getMessage(), e);
        }
        LOG.warn("HBase at {} unreachable (attempt {}: {}); retrying in {} s", hbaseZk, attempt, e.getMessage(),
            pause.toSeconds());
        sleep(pause);
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
      }
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

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for HBase", e);
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
  public synchronized void close() {
    closeQuietly();
  }
}
