package io.trendtags.client.x;

import java.net.http.HttpHeaders;
import java.util.OptionalLong;

/**
 * The {@code x-rate-limit-*} headers of one response: the window's limit, what is left of it, and when
 * it resets (epoch seconds). A value the response did not carry is -1.
 */
public record RateLimit(long limit, long remaining, long resetEpochSeconds) {

  public static final RateLimit UNKNOWN = new RateLimit(-1, -1, -1);

  /** The rate-limit headers of a response, -1 for any that is missing or not a number. */
  public static RateLimit of(HttpHeaders headers) {
    return new RateLimit(number(headers, "x-rate-limit-limit"), number(headers, "x-rate-limit-remaining"),
        number(headers, "x-rate-limit-reset"));
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
