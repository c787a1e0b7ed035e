package io.trendtags.stream.query;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.trendtags.core.top.Source;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each tag use counted for every source and for its own network: a use of {@code rust} on Mastodon comes
 * out as two rows, keys {@code rust} and {@code mastodon#rust} ({@link Source#key(String)}), so one
 * aggregation gives each view of every source and of each network.
 *
 * <p>Applied after deduplication, so the dedup state holds each (id, tag) once. The network rides in the
 * key rather than in a grouping column so that both queries' state keeps its schema: a checkpoint from
 * before sources goes on, its rows being every source's. A rejected row (null key) stays one row. The
 * price is a second state row per (tag, network), and per (minute, tag, network) in the windows.
 */
public final class SourcedKeys {

  private SourcedKeys() {}

  /** The uses with {@link TagUses#KEY} once as it is and once under the use's network. */
  public static Dataset<Row> of(Dataset<TagUse> uses) {
    var key = col(TagUses.KEY);
    var sourced = concat(col(TagUses.SOURCE), lit(Source.SEPARATOR), key);
    return uses.withColumn(TagUses.KEY, explode(when(key.isNull(), array(key)).otherwise(array(key, sourced))));
  }
}
