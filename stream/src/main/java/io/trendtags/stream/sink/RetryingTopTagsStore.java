package io.trendtags.stream.sink;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.TopTagsTable;
import java.time.Duration;
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
  private TopTagsTable table;

  public RetryingTopTagsStore(String hbaseZk, Duration deadline) {
    this.hbaseZk = hbaseZk;
    this.deadline = deadline;
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

  private <T> T retrying(Function<TopTagsTable, T> call) {
    long giveUpAt = System.nanoTime() + deadline.toNanos();
    while (true) {
      try {
        if (table == null) {
          table = TopTagsTable.connect(hbaseZk);
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
