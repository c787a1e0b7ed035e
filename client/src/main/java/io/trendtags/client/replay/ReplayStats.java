package io.trendtags.client.replay;

/**
 * What a replay did.
 *
 * @param sent     tweets handed to the sink
 * @param bad      lines skipped because they were not tweets (counted in every pass)
 * @param passes   passes over the file started (1 without --loop)
 */
public record ReplayStats(long sent, long bad, int passes) {}
