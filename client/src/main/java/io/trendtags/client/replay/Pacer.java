package io.trendtags.client.replay;

/**
 * Spaces sends at a steady rate: the i-th call returns at start + i / rate. The schedule is absolute,
 * so small delays do not add up, but a sink stalled for more than {@link #MAX_CATCH_UP_NANOS} does not
 * get a burst to make up for it: the schedule restarts from now.
 */
final class Pacer {

  /** How far behind schedule the pacer will hurry to catch up. */
  static final long MAX_CATCH_UP_NANOS = 1_000_000_000L;

  /** Time as the pacer sees it: the real one, or a test's. */
  interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;

    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      }
    };
  }

  private final Clock clock;
  private final double intervalNanos;
  private long start;
  private long sent;

  /** A pacer for {@code ratePerSecond} calls a second; 0 means no pacing. */
  Pacer(double ratePerSecond, Clock clock) {
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException("rate must be 0 or more, not " + ratePerSecond);
    }
    this.clock = clock;
    this.intervalNanos = ratePerSecond == 0 ? 0 : 1e9 / ratePerSecond;
  }

  /** Waits until the next send is due. */
  void awaitNext() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long now = clock.nanoTime();
    if (sent == 0) {
      start = now;
    }
    long due = start + (long) (sent * intervalNanos);
    if (now - due > MAX_CATCH_UP_NANOS) {
      start = now;
      sent = 0;
      due = now;
    }
    if (due > now) {
      clock.sleepNanos(due - now);
    }
    sent++;
  }
}
