package io.trendtags.stream.sink;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TopTags;
import io.trendtags.store.MinuteBucket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sinks' store in memory, as HBase keeps it: one list per ranking with its writer, buckets by (key, minute). */
public final class MemoryTopTagsStore implements TopTagsStore {

  private record Written(TopTags top, String queryId) {}

  private final Map<Ranking, Written> lists = new HashMap<>();
  private final Map<String, MinuteBucket> buckets = new HashMap<>();
  private final List<Ranking> writes = new ArrayList<>();

  @Override
  public Optional<TopTags> readWrittenBy(Ranking ranking, String queryId) {
    return Optional.ofNullable(lists.get(ranking)).filter(w -> w.queryId.equals(queryId)).map(Written::top);
  }

  @Override
  public void write(Ranking ranking, TopTags top, String queryId) {
    lists.put(ranking, new Written(top, queryId));
    writes.add(ranking);
  }

  @Override
  public void writeBuckets(List<MinuteBucket> written) {
    written.forEach(b -> buckets.put(b.minute() + "/" + b.key(), b));
  }

  @Override
  public List<MinuteBucket> bucketsSince(long fromMinute) {
    return buckets.values().stream().filter(b -> b.minute() >= fromMinute).toList();
  }

  /** The list last written for {@code ranking}, by anyone. */
  public Optional<TopTags> read(Ranking ranking) {
    return Optional.ofNullable(lists.get(ranking)).map(Written::top);
  }

  /** The rankings written since the last call, in order. */
  public List<Ranking> takeWrites() {
    List<Ranking> taken = List.copyOf(writes);
    writes.clear();
    return taken;
  }
}
