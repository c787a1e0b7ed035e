package io.trendtags.store;

import io.trendtags.core.top.Ranking;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The job's word that a list changed: after each Put of a top list, the job sends the row's key
 * ({@link TopTagsTable#row(Ranking)}, e.g. {@code top:1h@mastodon}) to a small Kafka topic, and a web app
 * that hears it reads that row at once instead of at its next poll. HBase stays the one place the lists
 * live: a notice carries no data, so a lost one costs a poll's delay, and a stale one a spare read.
 */
public final class ChangedRows {

  /** The topic of notices, unless configured otherwise ({@code --changes-topic}). */
  public static final String DEFAULT_TOPIC = "hashtags-changes";

  private static final Map<String, Ranking> BY_ROW = new HashMap<>();

  static {
    for (Ranking ranking : Ranking.values()) {
      BY_ROW.put(notice(ranking), ranking);
    }
  }

  private ChangedRows() {}

  /** The notice that {@code ranking}'s row changed. */
  public static String notice(Ranking ranking) {
    return Bytes.toString(TopTagsTable.row(ranking));
  }

  /** The ranking a notice names; empty for anything else (a newer job's ranking, a stray record). */
  public static Optional<Ranking> ranking(String notice) {
    return Optional.ofNullable(notice == null ? null : BY_ROW.get(notice));
  }
}
