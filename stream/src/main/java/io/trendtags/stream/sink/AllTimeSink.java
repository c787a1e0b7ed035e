package io.trendtags.stream.sink;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.RunningTop;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.stream.query.AllTimeCounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-time query's {@code foreachBatch}: each micro-batch carries the totals of the tags it changed
 * (update mode), which this folds into a {@link RunningTop} per source (every source's, and each network's
 * from its {@link Source#key(String) sourced keys}) and writes as that source's all-time row, one Put each.
 * The batch's cost follows what changed, not how many tags were ever seen.
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
  /** The running list of each source seen, resumed from its row when first seen in this run. */
  private transient Map<Source, Listed> listed;
  private transient String queryId;
  private transient long rejected;

  /** One source's running list and the newest post time among its rows. */
  private static final class Listed {
    final RunningTop running;
    Instant eventClock;

    Listed(TopTags stored) {
      running = RunningTop.resuming(stored.tags(), TopTags.MAX_SIZE);
      eventClock = stored.clock();
    }

    void update(String key, Row row) {
      running.update(key, row.getAs(AllTimeCounts.CASING), row.<Long>getAs(AllTimeCounts.COUNT),
          row.<Long>getAs(AllTimeCounts.AUTHORS));
      Timestamp lastSeen = row.getAs(AllTimeCounts.LAST_SEEN);
      if (lastSeen != null && (eventClock == null || lastSeen.toInstant().isAfter(eventClock))) {
        eventClock = lastSeen.toInstant();
      }
    }
  }

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

  /**
   * Folds changed rows ({@link AllTimeCounts}' columns) into the lists and writes every source's list and
   * each network's list that changed.
   */
  void apply(List<Row> changed, String queryId) {
    if (listed == null) {
      this.queryId = queryId;
      listed = new HashMap<>();
      TopTags stored = stored(Source.ALL);
      listed.put(Source.ALL, new Listed(stored));
      rejected = stored.rejected();
    }
    Set<Source> touched = new LinkedHashSet<>();
    touched.add(Source.ALL);
    for (Row row : changed) {
      String key = row.getAs(AllTimeCounts.KEY);
      if (key == null) {
        rejected = row.<Long>getAs(AllTimeCounts.COUNT);
        continue; // a rejected record's time is Kafka's, not a tweet's: it does not move the clock
      }
      Source source = Source.ofKey(key);
      listed.computeIfAbsent(source, s -> new Listed(stored(s))).update(Source.tagKey(key), row);
      touched.add(source);
    }
    Instant now = clock.instant();
    for (Source source : touched) {
      Listed list = listed.get(source);
      // Rejected records are not any network's: only every source's row counts them.
      long setAside = source == Source.ALL ? rejected : 0;
      store.write(new Ranking(View.ALL, source), new TopTags(now, list.eventClock, list.running.top(), setAside), queryId);
    }
  }

  /** The source's list as this query last wrote it: what its running list goes on from. */
  private TopTags stored(Source source) {
    return store.readWrittenBy(new Ranking(View.ALL, source), queryId).orElse(TopTags.empty());
  }
}
