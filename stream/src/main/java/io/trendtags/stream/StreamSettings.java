package io.trendtags.stream;

import io.trendtags.stream.window.SurgeSettings;
import java.time.Duration;

/**
 * How the job reads and runs, fixed at start: the one configuration object of a stream process.
 *
 * @param checkpoint the directory under which each query keeps its own checkpoint
 * @param trigger how often a batch of the windows query starts
 * @param allTimeTrigger how often a batch of the all-time query starts
 * @param maxOffsetsPerTrigger null for no cap
 * @param uiPort -1 for no Spark UI
 * @param dedupHorizon how long (Kafka's time) a tweet id is remembered to drop its duplicates
 * @param allowedLateness how far behind the stream's clock a tweet may be and still count in the windows
 * @param replicationFactor of the topic when the job creates it; null for the cluster's default
 */
public record StreamSettings(
    String kafka,
    String topic,
    String checkpoint,
    Duration trigger,
    Duration allTimeTrigger,
    boolean once,
    Long maxOffsetsPerTrigger,
    int shufflePartitions,
    int uiPort,
    Duration dedupHorizon,
    Duration allowedLateness,
    SurgeSettings surge,
    Short replicationFactor) {

  /** The checkpoint of the query named {@code query}. */
  public String checkpointOf(String query) {
    return checkpoint.endsWith("/") ? checkpoint + query : checkpoint + "/" + query;
  }
}
