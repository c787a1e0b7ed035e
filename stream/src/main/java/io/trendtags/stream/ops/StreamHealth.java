package io.trendtags.stream.ops;

import io.trendtags.observe.Health;
import io.trendtags.stream.sink.RetryingTopTagsStore;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The job's health: its queries all running (one starting, or failed and about to start again from its
 * checkpoint, is degraded), and HBase taking its writes (while it does not, the job waits and the views grow old).
 */
public final class StreamHealth {

  private StreamHealth() {}

  /** {@code notRunning}: each query not running now and why, as the job's supervisor knows it. */
  public static Health of(Supplier<Map<String, String>> notRunning, RetryingTopTagsStore store) {
    return new Health()
        .add("queries", () -> {
          Map<String, String> why = notRunning.get();
          return why.isEmpty() ? Health.Check.up()
              : Health.Check.degraded(why.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                  .collect(Collectors.joining("; ")));
        })
        .add("hbase", () -> store.unreachableFor()
            .map(d -> Health.Check.degraded("HBase unreachable for " + d.toSeconds() + " s; the job retries and the views wait"))
            .orElseGet(Health.Check::up));
  }
}
