package io.trendtags.stream;

import io.trendtags.stream.checkpoint.LocalCheckpoints;
import io.trendtags.stream.query.AllTimeCounts;
import io.trendtags.stream.query.Dedup;
import io.trendtags.stream.query.MinuteBuckets;
import io.trendtags.stream.query.TagUse;
import io.trendtags.stream.query.TagUses;
import io.trendtags.stream.sink.AllTimeSink;
import io.trendtags.stream.sink.TopTagsStore;
import io.trendtags.stream.window.WindowSink;
import io.trendtags.topics.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Wires the job: the Kafka source, the topologies, and the store that receives each batch's top lists.
 * Kept apart from {@link StreamCommand} so tests and the benchmark start the same queries with their own
 * store and settings.
 *
 * <p>One query per stateful step, each with its own checkpoint under {@code --checkpoint}: Spark chains
 * stateful operators in append mode only, and each view wants update mode (a batch emits only what it
 * changed). The queries read the same topic independently.
 */
public final class HashtagStream {

  private HashtagStream() {}

  /**
   * A Spark session for the job; {@code master} null means local[*] unless spark-submit set one. On a
   * {@code spark://} master it ships the build's job jar to the executors.
   */
  public static SparkSession session(StreamSettings settings, String master) {
    return session(settings, master, JobJar.forMaster(master, null));
  }

  /**
   * As {@link #session(StreamSettings, String)}; {@code jobJar}, when not null, is shipped to the executors
   * (a cluster's executors lack our classes; spark-submit ships its own jar instead).
   */
  public static SparkSession session(StreamSettings settings, String master, Path jobJar) {
    SparkConf conf = new SparkConf(true);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (jobJar != null && !conf.contains("spark.jars")) {
      conf.set("spark.jars", jobJar.toUri().toString());
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
    LocalCheckpoints.configure(conf, settings.checkpoint());
    conf.setIfMissing("spark.sql.streaming.metricsEnabled", "false");
    return SparkSession.builder().config(execution(conf)).getOrCreate();
  }

  /**
   * How the job has Spark SQL execute its queries, set on {@code conf} where it does not say otherwise; the
   * tests' sessions take it too, so that they run what the job runs.
   */
  public static SparkConf execution(SparkConf conf) {
    // The job's state is small per key and its batches small in the demo: keep the fixed costs low. RocksDB is
    // also the store that transformWithState (both queries' dedup) requires.
    conf.setIfMissing("spark.sql.streaming.stateStore.providerClass",
        "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider");
    // Each commit writes the batch's changes rather than a RocksDB snapshot; snapshots are made in the background.
    conf.setIfMissing("spark.sql.streaming.stateStore.rocksdb.changelogCheckpointing.enabled", "true");
    conf.setIfMissing("spark.sql.adaptive.enabled", "false");
    // Projections, predicates and orderings interpreted, not generated: each task of each batch generated
    // their Java source anew (only the compiled class is cached), a third of the job's CPU at the demo's rate.
    conf.setIfMissing("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    return conf;
  }

  /** Starts every query of the job: reads {@code settings.topic()}, writes each view to {@code store}. */
  public static List<StreamingQuery> start(SparkSession spark, StreamSettings settings, TopTagsStore store)
      throws TimeoutException {
    List<StreamingQuery> started = new ArrayList<>();
    for (JobQuery query : queries(spark, settings, store)) {
      started.add(query.start());
    }
    return started;
  }

  /**
   * The job's queries, not yet started; each can be started again after it failed, and a new run goes on
   * from its checkpoint (and its sink from the HBase rows it wrote).
   */
  public static List<JobQuery> queries(SparkSession spark, StreamSettings settings, TopTagsStore store) {
    Topics.ensure(settings.kafka(), settings.topic(), Topics.TWEETS_PARTITIONS, settings.replicationFactor(), Topics.BROKER_TIMES);
    Dataset<TagUse> uses = TagUses.of(kafkaRecords(spark, settings));
    return List.of(
        new JobQuery("all-time", () -> AllTimeCounts.build(uses, settings.dedupHorizon(),
                Dedup.of(spark, settings.checkpointOf("all-time"))).writeStream()
            .queryName("all-time")
            .outputMode(OutputMode.Update())
            .option("checkpointLocation", settings.checkpointOf("all-time"))
            .trigger(trigger(settings, settings.allTimeTrigger()))
            .foreachBatch(new AllTimeSink(store, Clock.systemUTC()))
            .start()),
        new JobQuery("windows", () -> MinuteBuckets.build(uses, settings.allowedLateness(),
                Dedup.of(spark, settings.checkpointOf("windows"))).writeStream()
            .queryName("windows")
            .outputMode(OutputMode.Update())
            .option("checkpointLocation", settings.checkpointOf("windows"))
            .trigger(trigger(settings, settings.trigger()))
            .foreachBatch(new WindowSink(store, Clock.systemUTC(), settings.surge()))
            .start()));
  }

  /** One query of the job, by name, and how to start a run of it. */
  public record JobQuery(String name, Starter starter) {

    /** Starts a new run of the query. */
    public StreamingQuery start() throws TimeoutException {
      return starter.start();
    }
  }

  /** {@code writeStream()...start()} of one query. */
  @FunctionalInterface
  public interface Starter {
    StreamingQuery start() throws TimeoutException;
  }

  /**
   * The topic's records as each query of the job reads them: from the earliest offset, at most
   * {@code settings.maxOffsetsPerTrigger()} a batch. Public for the benchmark, which times Spark's source alone.
   */
  public static Dataset<Row> kafkaRecords(SparkSession spark, StreamSettings settings) {
    var reader = spark.readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", settings.kafka())
        .option("subscribe", settings.topic())
        .option("startingOffsets", "earliest");
    if (settings.maxOffsetsPerTrigger() != null) {
      reader = reader.option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger());
    }
    return reader.load();
  }

  private static Trigger trigger(StreamSettings settings, Duration every) {
    return settings.once() ? Trigger.AvailableNow() : Trigger.ProcessingTime(every.toMillis());
  }
}
