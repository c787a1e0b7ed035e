package io.trendtags.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Prints each micro-batch of every query as it ends (rows in, batch time, state rows, checkpoint bytes)
 * and keeps them for the verdicts: a {@link StreamingQueryListener}, so it sees what Spark measured.
 */
final class QueryReport extends StreamingQueryListener {

  /** One batch as reported. */
  record Batch(long id, long rows, long millis, long stateRows, long checkpointBytes) {}

  private final Path checkpoint;
  private final Map<String, List<Batch>> byQuery = new ConcurrentHashMap<>();

  QueryReport(Path checkpoint) {
    this.checkpoint = checkpoint;
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    if (p.numInputRows() == 0) {
      return;
    }
    long stateRows = 0;
    for (StateOperatorProgress op : p.stateOperators()) {
      stateRows += op.numRowsTotal();
    }
    long millis = p.durationMs().getOrDefault("triggerExecution", p.batchDuration());
    Batch batch = new Batch(p.batchId(), p.numInputRows(), millis, stateRows, bytesUnder(checkpoint.resolve(p.name())));
    byQuery.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(batch);
    System.out.printf("bench: %-8s batch %3d: %,9d rows in %6.2f s = %,8.0f rows/s, state rows %,11d, checkpoint %,6.1f MB"
        + ", driver heap after GC %,5d MB, GC so far %,5.1f s%n",
        p.name(), batch.id(), batch.rows(), millis / 1e3, batch.rows() * 1000.0 / Math.max(1, millis), stateRows,
        batch.checkpointBytes() / 1e6, heapAfterGc() >> 20, gcMillis() / 1e3);
  }

  /**
   * The driver's heap as its collectors last left it, the closest a running JVM gets to "live data": the
   * window buckets the driver keeps show here, not in Spark's state rows.
   */
  private static long heapAfterGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
  }

  List<Batch> batches(String query) {
    return byQuery.getOrDefault(query, List.of());
  }

  /** The rows {@code query} read in all its batches so far: what the benches check against the backlog's count. */
  long rows(String query) {
    return batches(query).stream().mapToLong(Batch::rows).sum();
  }

  private static long bytesUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // a file Spark removed while we walked
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}
}
