package io.trendtags.stream.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Each query's progress as Spark reports it after every micro-batch, as metrics tagged {@code query}:
 * rows read ({@code trendtags.stream.input.rows}, a counter, and the last batch's rate), the last batch's
 * duration, the state rows it keeps, and how far each Kafka partition's newest offset is ahead of what the
 * query has read ({@code trendtags.stream.kafka.lag{topic, partition}}): a lag that grows is a job falling
 * behind. Series are bounded by queries and partitions.
 */
public final class QueryMetrics extends StreamingQueryListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MeterRegistry registry;
  private final Map<String, Last> byQuery = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

  /** The last batch of one query. */
  private record Last(Counter rows, AtomicReference<StreamingQueryProgress> progress) {}

  public QueryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    Last last = byQuery.computeIfAbsent(p.name(), this::register);
    last.progress().set(p);
    last.rows().increment(p.numInputRows());
    for (SourceProgress source : p.sources()) {
      recordLag(source);
    }
  }

  private Last register(String query) {
    AtomicReference<StreamingQueryProgress> progress = new AtomicReference<>();
    Gauge.builder("trendtags.stream.input.rows.per.second", progress, r -> r.get() == null ? 0 : r.get().processedRowsPerSecond())
        .description("Rows the last micro-batch processed per second").tag("query", query).register(registry);
    Gauge.builder("trendtags.stream.batch.duration", progress, r -> r.get() == null ? 0 : r.get().batchDuration() / 1e3)
        .description("How long the last micro-batch took").baseUnit("seconds").tag("query", query).register(registry);
    Gauge.builder("trendtags.stream.state.rows", progress, QueryMetrics::stateRows)
        .description("Rows in the query's state stores").tag("query", query).register(registry);
    Counter rows = Counter.builder("trendtags.stream.input.rows").description("Rows read from Kafka")
        .tag("query", query).register(registry);
    return new Last(rows, progress);
  }

  private static double stateRows(AtomicReference<StreamingQueryProgress> progress) {
    StreamingQueryProgress p = progress.get();
    long rows = 0;
    if (p != null) {
      for (StateOperatorProgress op : p.stateOperators()) {
        rows += op.numRowsTotal();
      }
    }
    return rows;
  }

  /** Spark reports Kafka offsets as {@code {"topic":{"0":123,"1":456}}}: lag is latest minus read. */
  private void recordLag(SourceProgress source) {
    JsonNode latest = parse(source.latestOffset());
    JsonNode read = parse(source.endOffset());
    if (latest == null || read == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> topics = latest.fields(); topics.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = topics.next();
      for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields(); partitions.hasNext(); ) {
        Map.Entry<String, JsonNode> partition = partitions.next();
        JsonNode done = read.path(topic.getKey()).path(partition.getKey());
        if (done.isNumber()) {
          lag(topic.getKey(), partition.getKey()).set(Math.max(0, partition.getValue().asLong() - done.asLong()));
        }
      }
    }
  }

  private AtomicLong lag(String topic, String partition) {
    return lags.computeIfAbsent(topic + "/" + partition, key -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("trendtags.stream.kafka.lag", value, AtomicLong::get)
          .description("Records on the partition the job has not read yet").tag("topic", topic).tag("partition", partition)
          .register(registry);
      return value;
    });
  }

  private static JsonNode parse(String offsets) {
    if (offsets == null || offsets.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(offsets);
      return node.isObject() ? node : null;
    } catch (java.io.IOException e) {
      return null; // not Kafka's shape: no lag to report
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}
}
