package io.trendtags.stream;

import io.trendtags.core.top.TopTags;
import io.trendtags.stream.query.HashtagCounts;
import io.trendtags.stream.sink.TopTagsSink;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Wires the job: the Kafka source, the {@link HashtagCounts} topology, and a sink that receives each
 * batch's top list. Kept apart from {@link StreamCommand} so tests start the same query with their own
 * sink and settings.
 */
public final class HashtagStream {

  private HashtagStream() {}

  /** A Spark session for the job; {@code master} null means local[*] unless spark-submit set one. */
  public static SparkSession session(StreamSettings settings, String master) {
    SparkConf conf = new SparkConf(true);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.app.name", "trendtags-stream");
    conf.set("spark.sql.shuffle.partitions", Integer.toString(settings.shufflePartitions()));
    conf.setIfMissing("spark.driver.host", "127.0.0.1");
    conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    if (settings.uiPort() < 0) {
      conf.set("spark.ui.enabled", "false");
    } else {
      conf.set("spark.ui.port", Integer.toString(settings.uiPort()));
    }
    // The job's state is small per key and its batches small in the demo: keep the fixed costs low.
    conf.setIfMissing("spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider");
    conf.setIfMissing("spark.sql.adaptive.enabled", "false");
    conf.setIfMissing("spark.sql.streaming.metricsEnabled", "false");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** Starts the query: reads {@code settings.topic()}, hands every batch's top list to {@code store}. */
  public static StreamingQuery start(SparkSession spark, StreamSettings settings, Consumer<TopTags> store)
      throws TimeoutException {
    TopicCreator.ensure(settings.kafka(), settings.topic());
    var reader = spark.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", settings.kafka())
        .option("subscribe", settings.topic())
        .option("startingOffsets", "earliest");
    if (settings.maxOffsetsPerTrigger() != null) {
      reader = reader.option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger());
    }
    Dataset<Row> counts = HashtagCounts.build(reader.load());
    return counts.writeStream()
        .queryName("hashtag-counts")
        .outputMode(OutputMode.Complete())
        .option("checkpointLocation", settings.checkpoint())
        .trigger(settings.once() ? Trigger.AvailableNow() : Trigger.ProcessingTime(settings.trigger().toMillis()))
        .foreachBatch(new TopTagsSink(store, Clock.systemUTC()))
        .start();
  }
}
