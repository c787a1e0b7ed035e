package io.trendtags.stream;

import java.time.Duration;

/**
 * How the job reads and runs, fixed at start: the one configuration object of a stream process.
 *
 * @param maxOffsetsPerTrigger null for no cap
 * @param uiPort -1 for no Spark UI
 */
public record StreamSettings(
    String kafka,
    String topic,
    String checkpoint,
    Duration trigger,
    boolean once,
    Long maxOffsetsPerTrigger,
    int shufflePartitions,
    int uiPort) {}
