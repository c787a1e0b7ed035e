package io.trendtags.stream.sink;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import java.util.Optional;

/** Where the job keeps each view's top list: HBase ({@link RetryingTopTagsStore}), or memory in tests. */
public interface TopTagsStore {

  /** {@code view}'s list as the query {@code queryId} last wrote it; empty if it wrote none. */
  Optional<TopTags> readWrittenBy(View view, String queryId);

  /** Replaces {@code view}'s list, in one atomic write. */
  void write(View view, TopTags top, String queryId);
}
