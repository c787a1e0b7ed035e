package io.trendtags.client.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing from the rate-limit headers, on a clock the test moves. */
class RequestGateTest {

  private static final long NOW = 1_800_000_000_000L; // epoch ms, a whole second

  private final List<Long> waits = new ArrayList<>();
  private long now = NOW;
  private final RequestGate gate = new RequestGate(new Time() {
    @Override
    public long nowMillis() {
      return now;
    }

    @Override
    public void sleep(long millis) {
      waits.add(millis);
      now += millis;
    }
  }, RequestGate.X_WINDOW);

  @Test
  void plentyLeftGoesAtOnce() throws Exception {
    gate.answered(new RateLimit(180, 170, NOW / 1000 + 900));
    gate.awaitTurn();
    assertThat(waits).isEmpty();
  }

  @Test
  void theLastTenthOfAWindowIsSpreadUntilTheReset() throws Exception {
    gate.answered(new RateLimit(180, 9, NOW / 1000 + 100));
    gate.awaitTurn();
    assertThat(waits).containsExactly((100_000 + RequestGate.RESET_MARGIN_MILLIS) / 10);
  }

  @Test
  void nothingLeftWaitsForTheReset() throws Exception {
    gate.answered(new RateLimit(180, 0, NOW / 1000 + 30));
    gate.awaitTurn();
    assertThat(waits).containsExactly(30_000 + RequestGate.RESET_MARGIN_MILLIS);
  }

  @Test
  void a429BlocksUntilItsResetEvenIfTheLastHeadersLookedFine() throws Exception {
    gate.answered(new RateLimit(180, 170, NOW / 1000 + 900));
    gate.rateLimited(NOW / 1000 + 5);
    gate.awaitTurn();
    assertThat(now).isGreaterThanOrEqualTo(NOW + 5_000);
  }

  @Test
  void a429WithoutAResetWaitsAWholeWindow() throws Exception {
    gate.rateLimited(-1);
    gate.awaitTurn();
    assertThat(waits).containsExactly(RequestGate.X_WINDOW.toMillis());
  }
}
