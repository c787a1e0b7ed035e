package io.trendtags.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the latency bench splits each probe's time at the job's change notice. */
class LatencyProbesTest {

  @Test
  void theLastNoticeBetweenSendingAndSeeingSplitsTheProbe() {
    LatencyBench.Probes probes = new LatencyBench.Probes();

    // Two batches wrote the list while the probe waited: the later one is what the web app showed.
    probes.seen(10_000, 11_200, List.of(9_900L, 10_500L, 10_900L, 11_300L));

    assertThat(probes.total).singleElement().satisfies(s -> assertThat(s).isCloseTo(1.2, within(1e-9)));
    assertThat(probes.job).singleElement().satisfies(s -> assertThat(s).isCloseTo(0.9, within(1e-9)));
    assertThat(probes.webApp).singleElement().satisfies(s -> assertThat(s).isCloseTo(0.3, within(1e-9)));
    assertThat(probes.unnoticed).isZero();
  }

  @Test
  void aProbeWithoutANoticeInItsWaitCountsInTheTotalOnly() {
    LatencyBench.Probes probes = new LatencyBench.Probes();

    probes.seen(10_000, 11_000, List.of(9_999L, 11_001L));

    assertThat(probes.total).singleElement().satisfies(s -> assertThat(s).isCloseTo(1.0, within(1e-9)));
    assertThat(probes.job).isEmpty();
    assertThat(probes.webApp).isEmpty();
    assertThat(probes.unnoticed).isEqualTo(1);
  }
}
