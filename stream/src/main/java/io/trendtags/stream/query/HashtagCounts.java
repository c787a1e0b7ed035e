package io.trendtags.stream.query;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The job's topology, built apart from where it reads and writes so tests can run it on a static
 * DataFrame: Kafka records in, running counts per (case-folded tag, casing) out.
 *
 * <p>Exactness: a tweet delivered twice (same id) is dropped by {@code dropDuplicates(id, key)},
 * whose state, like the counts', lives in the checkpoint, so a restarted job neither forgets what it
 * saw nor counts a replayed batch again. Rejected records come out as the rows with a null key.
 */
public final class HashtagCounts {

  /** Columns of the result: {@code key} (null for rejected records), {@code casing}, {@code count}. */
  public static final String KEY = "key";
  public static final String CASING = "casing";
  public static final String COUNT = "count";

  private HashtagCounts() {}

  /**
   * @param kafkaRecords rows with at least Kafka's {@code value} (binary), {@code partition} and {@code offset}
   */
  public static Dataset<Row> build(Dataset<Row> kafkaRecords) {
    return kafkaRecords
        .select(col("value"), col("partition"), col("offset"))
        .flatMap(new TagUses(), Encoders.bean(TagUse.class))
        .dropDuplicates("id", KEY)
        .groupBy(KEY, CASING)
        .count();
  }
}
