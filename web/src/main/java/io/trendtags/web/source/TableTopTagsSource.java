package io.trendtags.web.source;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.TopTagsTable;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the top hashtags from the HBase table `hashtags`, the rows the stream job writes (one per {@link Ranking}).
 *
 * <p>Made with {@link #connectingTo(String)}, it connects on the first read and again after a failed one,
 * so the web app can serve (an empty or last-known list) while HBase is starting or restarting. Reads
 * come from one refresh thread ({@link LatestTopTags}); the methods are synchronized all the same.
 */
public final class TableTopTagsSource implements TopTagsSource, AutoCloseable {

  private final Supplier<TopTagsTable> connect;
  private TopTagsTable table;

  /** A source over a table the caller opened; closing the source closes the table. */
  public TableTopTagsSource(TopTagsTable table) {
    this.connect = () -> {
      throw new IllegalStateException("the table was closed");
    };
    this.table = table;
  }

  private TableTopTagsSource(Supplier<TopTagsTable> connect) {
    this.connect = connect;
  }

  /** A source that connects to the HBase at {@code hbaseZk} when it first reads. */
  public static TableTopTagsSource connectingTo(String hbaseZk) {
    return new TableTopTagsSource(() -> TopTagsTable.connectForReading(hbaseZk));
  }

  @Override
  public Optional<TopTags> read() {
    return read(Ranking.of(View.ALL));
  }

  @Override
  public synchronized Optional<TopTags> read(Ranking ranking) {
    if (table == null) {
      table = connect.get();
    }
    try {
      return table.read(ranking);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public synchronized NavigableMap<Long, Long> minuteCounts(String key, long from, long to) {
    if (table == null) {
      table = connect.get();
    }
    try {
      return table.history().countsOf(key, from, to);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (table != null) {
      TopTagsTable closing = table;
      table = null;
      closing.close();
    }
  }
}
