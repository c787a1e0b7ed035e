package io.trendtags.client.feed;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the next request may go, from the last response's rate-limit headers ({@link RateLimit}) and any
 * 429: while the window has plenty left, at once; once less than a tenth of the limit remains, the rest
 * is spread evenly until the reset; with nothing left, or after a 429, nothing goes until the reset
 * (plus a second, as the network's clock and ours may differ).
 */
public final class RequestGate {

  private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);
  static final long RESET_MARGIN_MILLIS = 1000;
  /** X's rate-limit window: a 429 without a reset header waits this long. */
  public static final Duration X_WINDOW = Duration.ofMinutes(15);
  /** Mastodon's (300 requests in 5 minutes) and Bluesky's (per 5 minutes) window. */
  public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private final Time time;
  private final long unknownResetWaitMillis;
  private RateLimit last = RateLimit.UNKNOWN;
  private long blockedUntilMillis;

  /** A gate on {@code time}; a 429 that does not say when its window resets waits a whole {@code window}. */
  public RequestGate(Time time, Duration window) {
    this.time = time;
    this.unknownResetWaitMillis = window.toMillis();
  }

  /** Waits until the next request may be sent. */
  public void awaitTurn() throws InterruptedException {
    long now = time.nowMillis();
    if (blockedUntilMillis > now) {
      time.sleep(blockedUntilMillis - now);
      return;
    }
    if (!last.known()) {
      return;
    }
    long resetMillis = last.resetEpochSeconds() * 1000 + RESET_MARGIN_MILLIS;
    if (resetMillis <= now) {
      return;
    }
    if (last.remaining() == 0) {
      LOG.info("rate limit: no requests left in this window; waiting until {}", Instant.ofEpochMilli(resetMillis));
      time.sleep(resetMillis - now);
    } else if (last.limit() > 0 && last.remaining() * 10 < last.limit()) {
      time.sleep((resetMillis - now) / (last.remaining() + 1));
    }
  }

  /** Notes a response's rate-limit headers. */
  public void answered(RateLimit rateLimit) {
    if (rateLimit.known()) {
      last = rateLimit;
    }
  }

  /** Notes a 429: nothing is sent before {@code resetEpochSeconds} (-1 if the response did not say). */
  public void rateLimited(long resetEpochSeconds) {
    long now = time.nowMillis();
    blockedUntilMillis = resetEpochSeconds > 0
        ? Math.max(resetEpochSeconds * 1000 + RESET_MARGIN_MILLIS, now)
        : now + unknownResetWaitMillis;
    LOG.warn("rate limited (429): sending nothing until {}", Instant.ofEpochMilli(blockedUntilMillis));
  }
}
