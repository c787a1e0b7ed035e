package io.trendtags.launcher.demo;

import java.time.Duration;

/**
 * When the user typed the command, on this JVM's {@link System#nanoTime()} scale: the demo's figures ("ready
 * after", "on the dashboard after") count from there, as the user lives them, not from the JVM's own start
 * (which comes a JVM's launch later). The {@code trendtags} script passes the moment as the system property
 * {@value #PROPERTY}, in microseconds since the epoch; without it (the demo run another way) the clock
 * starts when this JVM asks.
 */
final class CommandStart {

  static final String PROPERTY = "trendtags.command.started";
  // A value further back than this is not this command's: a property copied by hand, or a clock that moved.
  private static final Duration PLAUSIBLE = Duration.ofMinutes(5);

  private CommandStart() {}

  /** The command's start on the nanoTime scale, from the script's property, else now. */
  static long nanoTime() {
    long nowMicros = System.currentTimeMillis() * 1_000;
    return nanoTime(System.getProperty(PROPERTY), nowMicros, System.nanoTime());
  }

  /**
   * {@code startedMicros} (the property) moved onto the nanoTime scale, given the wall clock and nanoTime
   * read at the same moment; {@code nowNanos} itself when the property is absent, not a number, in the
   * future or implausibly old.
   */
  static long nanoTime(String startedMicros, long nowMicros, long nowNanos) {
    if (startedMicros == null || !startedMicros.matches("\\d{1,18}")) {
      return nowNanos;
    }
    long agoMicros = nowMicros - Long.parseLong(startedMicros);
    if (agoMicros < 0 || agoMicros > PLAUSIBLE.toNanos() / 1_000) {
      return nowNanos;
    }
    return nowNanos - agoMicros * 1_000;
  }
}
