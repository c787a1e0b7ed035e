package io.trendtags.client.feed;

/** Wall-clock time and waiting, so tests of pacing need not wait for real. */
public interface Time {

  /** The real clock and {@link Thread#sleep}. */
  Time SYSTEM = new Time() {
    @Override
    public long nowMillis() {
      return System.currentTimeMillis();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
      if (millis > 0) {
        Thread.sleep(millis);
      }
    }
  };

  /** Milliseconds since the epoch: the unit of X's {@code x-rate-limit-reset} times 1000. */
  long nowMillis();

  /** Waits {@code millis}; an interrupt (the client stopping) ends the wait. */
  void sleep(long millis) throws InterruptedException;
}
