package io.trendtags.web.api;

import java.time.Duration;

/**
 * How many {@code /api/stream} connections the app keeps open, in all and per client address, and how
 * long a client may fall behind (take no bytes while an event waits) before it is dropped. Past either
 * cap a new stream gets 503 with {@code Retry-After}: a crowd of idle or hostile connections cannot take
 * the memory and file descriptors the real dashboards need.
 */
public record StreamLimits(int maxStreams, int maxPerAddress, Duration dropBehindAfter) {

  /** 2,000 streams, 100 per address, dropped after 10 s behind. */
  public static final StreamLimits DEFAULTS = new StreamLimits(2_000, 100, Duration.ofSeconds(10));

  public StreamLimits {
    if (maxStreams < 1 || maxPerAddress < 1) {
      throw new IllegalArgumentException("stream limits must be 1 or more");
    }
    if (dropBehindAfter.isNegative() || dropBehindAfter.isZero()) {
      throw new IllegalArgumentException("dropBehindAfter must be positive");
    }
  }
}
