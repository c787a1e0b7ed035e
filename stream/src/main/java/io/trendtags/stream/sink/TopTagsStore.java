package io.trendtags.stream.sink;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.Ranking;
import io.trendtags.store.MinuteBucket;
import java.util.List;
import java.util.Optional;

/** Where the job keeps each view's top list: HBase ({@link RetryingTopTagsStore}), or memory in tests. */
public interface TopTagsStore {

  /** a list as the query {@code queryId} last wrote it; empty if it wrote none. */
  Optional<TopTags> readWrittenBy(Ranking ranking, String queryId);

  /** Replaces a list, in one atomic write. */
  void write(Ranking ranking, TopTags top, String queryId);

  /** Stores minute buckets, replacing what the same (minute, tag) held. */
  void writeBuckets(List<MinuteBucket> buckets);

  /** Every stored bucket from minute {@code fromMinute} (since the epoch) on. */
  List<MinuteBucket> bucketsSince(long fromMinute);
}
