package io.trendtags.web.source;

import io.trendtags.core.top.TopTags;
import io.trendtags.store.TopTagsTable;
import java.util.Optional;

/** Reads the top hashtags from the HBase table `hashtags`, the row the stream job writes. */
public final class TableTopTagsSource implements TopTagsSource {

  private final TopTagsTable table;

  /** The caller owns {@code table} and closes it. */
  public TableTopTagsSource(TopTagsTable table) {
    this.table = table;
  }

  @Override
  public Optional<TopTags> read() {
    return table.read();
  }
}
