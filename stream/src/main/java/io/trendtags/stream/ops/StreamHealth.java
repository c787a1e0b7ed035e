package io.trendtags.stream.ops;

import io.trendtags.observe.Health;
import io.trendtags.stream.sink.RetryingTopTagsStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The job's health: its queries all running (a failed one is degraded while the job starts it again from
 * its checkpoint), and HBase taking its writes (while it does not, the job waits and the views grow old).
 */
public final class StreamHealth {

  private StreamHealth() {}

  public static Health of(SparkSession spark, List<String> queries, RetryingTopTagsStore store) {
    return new Health()
        .add("queries", () -> {
          List<String> missing = new ArrayList<>(queries);
          missing.removeAll(Arrays.stream(spark.streams().active()).map(StreamingQuery::name).toList());
          return missing.isEmpty() ? Health.Check.up()
              : Health.Check.degraded("not running: " + String.join(", ", missing) + "; the job starts them again from their checkpoints");
        })
        .add("hbase", () -> store.unreachableFor()
            .map(d -> Health.Check.degraded("HBase unreachable for " + d.toSeconds() + " s; the job retries and the views wait"))
            .orElseGet(Health.Check::up));
  }
}
