package io.trendtags.stream.window;

import java.time.Duration;

/**
 * The surge score's numbers, options of the stream job. O = distinct authors of a tag in the last hour,
 * E = the mean distinct authors per hour over the {@code baselineHours} clock hours before the one that
 * hour begins in (at least 1; clock hours, whose counts stay the same from batch to batch);
 * score = (O - E)^2 / E when O > E and O >= {@code minAuthors}, else 0; each tag holds its peak score,
 * which halves every {@code halfLife}.
 */
public record SurgeSettings(int minAuthors, int baselineHours, Duration halfLife) {

  public static final SurgeSettings DEFAULTS = new SurgeSettings(3, 24, Duration.ofHours(2));
}
