package io.trendtags.core.top;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ways of ranking tags that the dashboard and the API offer. Windows are in event time and end at
 * the stream's clock (the newest {@code created_at} it has seen), at one-minute granularity.
 */
public enum View {
  /** Every tweet since the stream began, ranked by count. */
  ALL("all", "All time", null),
  LAST_15_MINUTES("15m", "Last 15 min", Duration.ofMinutes(15)),
  LAST_HOUR("1h", "Last hour", Duration.ofHours(1)),
  LAST_24_HOURS("24h", "Last 24 h", Duration.ofHours(24)),
  /** Distinct authors in the last hour against the 24 hours before, ranked by a decaying peak score. */
  SURGE("surge", "Surging", null);

  private final String id;
  private final String label;
  private final Duration window;

  View(String id, String label, Duration window) {
    this.id = id;
    this.label = label;
    this.window = window;
  }

  /** The name in URLs and the API: {@code all}, {@code 15m}, {@code 1h}, {@code 24h}, {@code surge}. */
  public String id() {
    return id;
  }

  /** What the dashboard's selector says. */
  public String label() {
    return label;
  }

  /** The length of a window view; empty for all time and surge. */
  public Optional<Duration> window() {
    return Optional.ofNullable(window);
  }

  /** The view named {@code id}, or empty for anything else (null included). */
  public static Optional<View> parse(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  /** Every id, for error messages: "all, 15m, 1h, 24h, surge". */
  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(View::id).toList());
  }
}
