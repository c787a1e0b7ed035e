package io.trendtags.stream.sink;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.MinuteBucket;
import io.trendtags.store.TopTagsTable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HBase table as the job's {@link TopTagsStore}, connecting on first use and retrying while HBase is
 * unreachable, up to a deadline: the job may start before HBase is up (the demo starts them side by
 * side), and a restarting HBase should delay a batch, not fail the query. Past the deadline the batch
 * fails, the query stops, and a restart resumes from the checkpoint without losing a count.
 */
public final class RetryingTopTagsStore implements TopTagsStore, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingTopTagsStore.class);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  private final String hbaseZk;
  private final Duration deadline;
  private final Duration historyTtl;
  private TopTagsTable table;

  public RetryingTopTagsStore(String hbaseZk, Duration deadline) {
    this(hbaseZk, deadline, TopTagsTable.DEFAULT_HISTORY_TTL);
  }

  /** @param historyTtl how long HBase keeps minute buckets, if this store creates their table */
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
    long giveUpAt = System.nanoTime() + deadline.toNanos();
    while (true) {
      try {
        if (table == null) {
          table = TopTagsTable.connect(hbaseZk, historyTtl);
          LOG.info("connected to HBase at {}", hbaseZk);
        }
        return call.apply(table);
      } catch (RuntimeException e) {
        closeQuietly();
        if (System.nanoTime() > giveUpAt) {
          throw new IllegalStateException("HBase at " + hbaseZk + " unreachable for " + deadline + ": " + e.getMessage(), e);
        }
        LOG.warn("HBase at {} not reachable yet ({}); retrying", hbaseZk, e.getMessage());
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(PAUSE.toMillis());
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
