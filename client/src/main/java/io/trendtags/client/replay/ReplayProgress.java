package io.trendtags.client.replay;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A progress line every few seconds while tweets go out: how many, how fast, which pass. Checked on each
 * send rather than by a timer thread, so a stalled replay says nothing new (its last line stands).
 */
public final class ReplayProgress {

  private final long everyNanos;
  private final LongSupplier nanoTime;
  private final Consumer<String> out;
  private long lastNanos;
  private long lastSent;

  /** Progress every {@code everySeconds} seconds to {@code out}. */
  public ReplayProgress(double everySeconds, LongSupplier nanoTime, Consumer<String> out) {
    this.everyNanos = (long) (everySeconds * 1e9);
    this.nanoTime = nanoTime;
    this.out = out;
    this.lastNanos = nanoTime.getAsLong();
  }

  /** Called after each send with the total sent so far and the pass (from 1). */
  void sent(long totalSent, int pass) {
    long now = nanoTime.getAsLong();
    long elapsed = now - lastNanos;
    if (elapsed < everyNanos) {
      return;
    }
    double rate = (totalSent - lastSent) * 1e9 / elapsed;
    out.accept(String.format(java.util.Locale.ROOT, "sent %d tweets (%.1f/s), pass %d", totalSent, rate, pass));
    lastNanos = now;
    lastSent = totalSent;
  }
}
