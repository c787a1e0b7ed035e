package io.trendtags.stream.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.View;
import io.trendtags.store.MinuteBucket;
import io.trendtags.stream.sink.TopTagsStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TopTagsStore} that times the job's writes to HBase ({@code trendtags.stream.hbase.write{what}})
 * and keeps the count of rejected records the all-time list last carried
 * ({@code trendtags.stream.rejected.records}): every list the job writes passes through here, on the driver.
 */
public final class MeteredTopTagsStore implements TopTagsStore {

  private final TopTagsStore store;
  private final Timer listWrites;
  private final Timer bucketWrites;
  private final AtomicLong rejected = new AtomicLong();

  public MeteredTopTagsStore(TopTagsStore store, MeterRegistry registry) {
    this.store = store;
    this.listWrites = Timer.builder("trendtags.stream.hbase.write").description("Writes to HBase, retries included")
        .tag("what", "list").register(registry);
    this.bucketWrites = Timer.builder("trendtags.stream.hbase.write").description("Writes to HBase, retries included")
        .tag("what", "buckets").register(registry);
    Gauge.builder("trendtags.stream.rejected.records", rejected, AtomicLong::get)
        .description("Records set aside as not countable (bad JSON, bad tags...), all time").register(registry);
  }

  @Override
  public Optional<TopTags> readWrittenBy(Ranking ranking, String queryId) {
    return store.readWrittenBy(ranking, queryId);
  }

  @Override
  public void write(Ranking ranking, TopTags top, String queryId) {
    listWrites.record(() -> store.write(ranking, top, queryId));
    if (ranking.equals(Ranking.of(View.ALL))) {
      rejected.set(top.rejected());
    }
  }

  @Override
  public void writeBuckets(List<MinuteBucket> buckets) {
    bucketWrites.record(() -> store.writeBuckets(buckets));
  }

  @Override
  public List<MinuteBucket> bucketsSince(long fromMinute) {
    return store.bucketsSince(fromMinute);
  }
}
