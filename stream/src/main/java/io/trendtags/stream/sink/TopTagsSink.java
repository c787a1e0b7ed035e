package io.trendtags.stream.sink;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.TopTagsRanking;
import io.trendtags.stream.query.HashtagCounts;
import java.time.Clock;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query's {@code foreachBatch}: each micro-batch carries the complete running counts, which this
 * ranks into the top list and hands to the store in one write. Because the list is a function of the
 * checkpointed counts alone, a batch re-run after a crash writes the same tags again.
 *
 * <p>Runs on the driver; the rows it collects are one per distinct (tag, casing), not per tweet.
 */
public final class TopTagsSink implements VoidFunction2<Dataset<Row>, Long> {

  private static final Logger LOG = LoggerFactory.getLogger(TopTagsSink.class);

  private final transient Consumer<TopTags> store;
  private final transient Clock clock;

  public TopTagsSink(Consumer<TopTags> store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void call(Dataset<Row> counts, Long batchId) {
    TopTags top = rank(counts.collectAsList(), clock);
    store.accept(top);
    if (LOG.isDebugEnabled()) {
      LOG.debug("batch {}: {} tags, rejected {}", batchId, top.tags().size(), top.rejected());
    }
  }

  /** The top {@link TopTags#MAX_SIZE} of complete counts rows ({@code key, casing, count}). */
  static TopTags rank(Iterable<Row> rows, Clock clock) {
    TopTagsRanking ranking = new TopTagsRanking();
    long rejected = 0;
    for (Row row : rows) {
      String key = row.getAs(HashtagCounts.KEY);
      long count = row.<Long>getAs(HashtagCounts.COUNT);
      if (key == null) {
        rejected += count;
      } else {
        ranking.add(key, row.getAs(HashtagCounts.CASING), count);
      }
    }
    return ranking.top(TopTags.MAX_SIZE, clock.instant(), rejected);
  }
}
