package io.trendtags.client.feed;

import java.util.Random;

/**
 * Exponential backoff with full jitter (a random wait between 0 and min(max, base x 2^attempt)), so many
 * clients failing together do not come back together. {@link #reset()} after a success.
 */
public final class Backoff {

  private final long baseMillis;
  private final long maxMillis;
  private final Random random;
  private int attempt;

  public Backoff(long baseMillis, long maxMillis, Random random) {
    this.baseMillis = baseMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** The wait before the next try, growing with each failure in a row. */
  public long nextDelayMillis() {
    long ceiling = Math.min(maxMillis, baseMillis << Math.min(attempt, 20));
    attempt++;
    return (long) (random.nextDouble() * ceiling) + 1;
  }

  public void reset() {
    attempt = 0;
  }
}
