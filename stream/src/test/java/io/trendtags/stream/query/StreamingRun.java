package io.trendtags.stream.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a topology as a real streaming query over Kafka-shaped rows, one micro-batch per
 * {@link #batch(List)}, in update mode, and keeps what each batch emitted: the stateful operators
 * (watermarks, dedup within the watermark) run as they do on Kafka. The rows go through Parquet files
 * because a file source is the public streaming source that takes rows of any shape.
 */
final class StreamingRun {

  /** The columns of Kafka's records that {@link TagUses#of} reads. */
  static final StructType KAFKA_ROWS = new StructType()
      .add("value", DataTypes.BinaryType)
      .add("partition", DataTypes.IntegerType)
      .add("offset", DataTypes.LongType)
      .add("timestamp", DataTypes.TimestampType);

  /** The names Spark's progress gives the operators that drop duplicates (transformWithState's: {@link FirstUses}). */
  private static final Set<String> DEDUP_OPERATORS = Set.of("dedupeWithinWatermark", "transformWithStateExec");

  private final SparkSession spark;
  private final StructType schema;
  private final Path input;
  final Path checkpoint;
  private int files;
  private StreamingQueryProgress lastProgress;

  StreamingRun(SparkSession spark, StructType schema) {
    this.spark = spark;
    this.schema = schema;
    try {
      this.input = Files.createTempDirectory("streaming-run-input");
      this.checkpoint = Files.createTempDirectory("streaming-run-checkpoint");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one micro-batch of {@code rows} and returns what the query emitted for it. */
  List<Row> batch(List<Row> rows, Function<Dataset<Row>, Dataset<Row>> topology) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(input.resolve(String.format("part-%05d", files++)).toString());
    List<Row> emitted = Collections.synchronizedList(new ArrayList<>());
    try {
      Dataset<Row> records = spark.readStream().schema(schema).parquet(input.resolve("part-*").toString());
      var query = topology.apply(records).writeStream()
          .outputMode(OutputMode.Update())
          .option("checkpointLocation", checkpoint.toString())
          .trigger(Trigger.AvailableNow())
          .foreachBatch((Dataset<Row> batch, Long id) -> emitted.addAll(batch.collectAsList()))
          .start();
      query.awaitTermination();
      lastProgress = query.lastProgress();
    } catch (TimeoutException | StreamingQueryException e) {
      throw new IllegalStateException(e);
    }
    return new ArrayList<>(emitted);
  }

  /** The rows the operator named {@code operatorName} (Spark's progress's name) held after the last batch. */
  long stateRows(String operatorName) {
    return stateRows(Set.of(operatorName));
  }

  /** The rows the deduplication operators held after the last batch. */
  long dedupStateRows() {
    return stateRows(DEDUP_OPERATORS);
  }

  private long stateRows(Set<String> operatorNames) {
    long rows = 0;
    for (var op : lastProgress.stateOperators()) {
      if (operatorNames.contains(op.operatorName())) {
        rows += op.numRowsTotal();
      }
    }
    return rows;
  }
}
