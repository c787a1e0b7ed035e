package io.trendtags.client.feed;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The rate-limit headers of one response, in any network's spelling: the window's limit, what is left of
 * it, and when it resets (epoch seconds). A value the response did not carry is -1.
 */
public record RateLimit(long limit, long remaining, long resetEpochSeconds) {

  public static final RateLimit UNKNOWN = new RateLimit(-1, -1, -1);

  /** X's {@code x-rate-limit-*} headers of a response, -1 for any that is missing or not a number. */
  public static RateLimit of(HttpHeaders headers) {
    return new RateLimit(number(headers, "x-rate-limit-limit"), number(headers, "x-rate-limit-remaining"),
        number(headers, "x-rate-limit-reset"));
  }

  /**
   * Mastodon's {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset}; the reset is an ISO-8601 time
   * (with microseconds), not a number.
   */
  public static RateLimit mastodon(HttpHeaders headers) {
    long reset = headers.firstValue("x-ratelimit-reset").map(FeedJson::instant).map(Instant::getEpochSecond).orElse(-1L);
    return new RateLimit(number(headers, "x-ratelimit-limit"), number(headers, "x-ratelimit-remaining"), reset);
  }

  /** Bluesky's {@code ratelimit-limit}, {@code -remaining} and {@code -reset} (epoch seconds). */
  public static RateLimit bluesky(HttpHeaders headers) {
    return new RateLimit(number(headers, "ratelimit-limit"), number(headers, "ratelimit-remaining"),
        number(headers, "ratelimit-reset"));
  }

  private static long number(HttpHeaders headers, String name) {
    OptionalLong value = headers.firstValueAsLong(name);
    try {
      return value.orElse(-1);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  boolean known() {
    return remaining >= 0 && resetEpochSeconds > 0;
  }
}
