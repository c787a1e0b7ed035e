package io.trendtags.stream.sink;

import io.trendtags.core.top.RunningTop;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.stream.query.AllTimeCounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-time query's {@code foreachBatch}: each micro-batch carries the totals of the tags it changed
 * (update mode), which this folds into the {@link RunningTop} and writes as the all-time row in one
 * Put. The batch's cost follows what changed, not how many tags were ever seen.
 *
 * <p>Across restarts the running list goes on from the row this query wrote last (HBase is part of
 * its state, beside the checkpoint); totals are absolute, so a batch re-run after a crash writes the
 * same list again. Runs on the driver.
 */
public final class AllTimeSink implements VoidFunction2<Dataset<Row>, Long> {

  private static final Logger LOG = LoggerFactory.getLogger(AllTimeSink.class);
  /** The property Spark sets on the thread that runs a query's batches. */
  public static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private final transient TopTagsStore store;
  private final transient Clock clock;
  private transient RunningTop running;
  private transient Instant eventClock;
  private transient long rejected;

  public AllTimeSink(TopTagsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void call(Dataset<Row> changed, Long batchId) {
    String queryId = changed.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    apply(changed.collectAsList(), queryId);
    LOG.debug("batch {}: all-time list written", batchId);
  }

  /** Folds changed rows ({@link AllTimeCounts}' columns) into the list and writes it. */
  void apply(List<Row> changed, String queryId) {
    if (running == null) {
      TopTags stored = store.readWrittenBy(View.ALL, queryId).orElse(TopTags.empty());
      running = RunningTop.resuming(stored.tags(), TopTags.MAX_SIZE);
      eventClock = stored.clock();
      rejected = stored.rejected();
    }
    for (Row row : changed) {
      String key = row.getAs(AllTimeCounts.KEY);
      long count = row.<Long>getAs(AllTimeCounts.COUNT);
      Timestamp lastSeen = row.getAs(AllTimeCounts.LAST_SEEN);
      if (key == null) {
        rejected = count;
        continue; // a rejected record's time is Kafka's, not a tweet's: it does not move the clock
      }
      running.update(key, row.getAs(AllTimeCounts.CASING), count, row.<Long>getAs(AllTimeCounts.AUTHORS));
      if (lastSeen != null && (eventClock == null || lastSeen.toInstant().isAfter(eventClock))) {
        eventClock = lastSeen.toInstant();
      }
    }
    store.write(View.ALL, new TopTags(clock.instant(), eventClock, running.top(), rejected), queryId);
  }
}
