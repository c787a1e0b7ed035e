package io.trendtags.client.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

  /** A clock that moves only when the pacer sleeps, or when the test says so. */
  static final class FakeClock implements Pacer.Clock {
    long now = 1_000;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      sleeps.add(nanos);
      now += nanos;
    }
  }

  private final FakeClock clock = new FakeClock();

  @Test
  void spacesSendsAtTheRate() throws Exception {
    Pacer pacer = new Pacer(10, clock);
    long start = clock.now;
    for (int i = 0; i < 11; i++) {
      pacer.awaitNext();
    }
    // The 11th send of 10/s is due one second after the first.
    assertThat(clock.now - start).isEqualTo(1_000_000_000L);
    assertThat(clock.sleeps).hasSize(10).allMatch(n -> n == 100_000_000L);
  }

  @Test
  void timeSpentSendingCountsTowardsTheInterval() throws Exception {
    Pacer pacer = new Pacer(10, clock);
    pacer.awaitNext();
    clock.now += 30_000_000L; // the sink took 30 ms
    pacer.awaitNext();
    assertThat(clock.sleeps).containsExactly(70_000_000L);
  }

  @Test
  void rateZeroNeverWaits() throws Exception {
    Pacer pacer = new Pacer(0, clock);
    for (int i = 0; i < 1000; i++) {
      pacer.awaitNext();
    }
    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void aLongStallDoesNotCauseABurst() throws Exception {
    Pacer pacer = new Pacer(10, clock);
    pacer.awaitNext();
    clock.now += 5_000_000_000L; // the sink stalled 5 s: 50 sends behind
    pacer.awaitNext();           // goes at once, and the schedule restarts here
    pacer.awaitNext();
    assertThat(clock.sleeps).containsExactly(100_000_000L);
  }

  @Test
  void aNegativeRateIsRefused() {
    assertThatThrownBy(() -> new Pacer(-1, clock)).isInstanceOf(IllegalArgumentException.class);
  }
}
