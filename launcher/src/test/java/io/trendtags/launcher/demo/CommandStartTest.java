package io.trendtags.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandStartTest {

  private static final long NOW_MICROS = 1_796_300_000_000_000L;
  private static final long NOW_NANOS = 500_000_000_000L;

  @Test
  void theScriptsMomentMovesOntoTheNanoTimeScale() {
    // Typed 1.25 s before the JVM asks: the figures count those 1.25 s too.
    long started = CommandStart.nanoTime(Long.toString(NOW_MICROS - 1_250_000), NOW_MICROS, NOW_NANOS);

    assertThat(NOW_NANOS - started).isEqualTo(1_250_000_000L);
  }

  @Test
  void withoutAUsableMomentTheClockStartsNow() {
    assertThat(CommandStart.nanoTime(null, NOW_MICROS, NOW_NANOS)).isEqualTo(NOW_NANOS);
    assertThat(CommandStart.nanoTime("1796300000.5", NOW_MICROS, NOW_NANOS)).isEqualTo(NOW_NANOS);
    assertThat(CommandStart.nanoTime("99999999999999999999", NOW_MICROS, NOW_NANOS)).isEqualTo(NOW_NANOS);
    // In the future, or from a command typed long ago: not this command's moment.
    assertThat(CommandStart.nanoTime(Long.toString(NOW_MICROS + 1_000_000), NOW_MICROS, NOW_NANOS)).isEqualTo(NOW_NANOS);
    assertThat(CommandStart.nanoTime(Long.toString(NOW_MICROS - 3_600_000_000L), NOW_MICROS, NOW_NANOS))
        .isEqualTo(NOW_NANOS);
  }
}
