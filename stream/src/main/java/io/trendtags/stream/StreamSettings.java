package io.trendtags.stream;

import java.time.Duration;

/**
 * How the job reads and runs, fixed at start: the one configuration object of a stream process.
 *
 * @param checkpoint the directory under which each query keeps its own checkpoint
 * @param maxOffsetsPerTrigger null for no cap
 * @param uiPort -1 for no Spark UI
 * @param dedupHorizon how long (event time) a tweet id is remembered to drop its duplicates
 */
public record StreamSettings(
    String kafka,
    String topic,
    String checkpoint,
    Duration trigger,
    boolean once,
    Long maxOffsetsPerTrigger,
    int shufflePartitions,
    int uiPort,
    Duration dedupHorizon) {

  /** The checkpoint of the query named {@code query}. */
  public String checkpointOf(String query) {
    return checkpoint.endsWith("/") ? checkpoint + query : checkpoint + "/" + query;
  }
}
