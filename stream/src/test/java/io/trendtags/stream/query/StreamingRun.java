package io.trendtags.stream.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a topology as a real streaming query over Kafka-shaped rows, one micro-batch per
 * {@link #batch(List)}, in update mode, and keeps what each batch emitted: the stateful operators
 * (watermarks, dedup within the watermark) run as they do on Kafka. The rows go through Parquet files
 * because a file source is the public streaming source that takes rows of any shape.
 */
final class StreamingRun {

  private final SparkSession spark;
  private final StructType schema;
  private final Path input;
  private final Path checkpoint;
  private int files;
  private long lastStateRows;

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
      lastStateRows = 0;
      for (var op : query.lastProgress().stateOperators()) {
        if (op.operatorName().toLowerCase(Locale.ROOT).contains("dedup")) {
          lastStateRows += op.numRowsTotal();
        }
      }
    } catch (TimeoutException | StreamingQueryException e) {
      throw new IllegalStateException(e);
    }
    return new ArrayList<>(emitted);
  }

  /** The rows the deduplication operators held after the last batch. */
  long dedupStateRows() {
    return lastStateRows;
  }
}
