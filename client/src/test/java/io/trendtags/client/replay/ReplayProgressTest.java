package io.trendtags.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

  private long now;
  private final List<String> lines = new ArrayList<>();

  @Test
  void reportsEveryFewSecondsWithTheRateSinceTheLastLine() {
    ReplayProgress progress = new ReplayProgress(5, () -> now, lines::add);
    for (int i = 1; i <= 250; i++) {
      now += 20_000_000L; // 50/s
      progress.sent(i, 1);
    }
    assertThat(lines).containsExactly("sent 250 tweets (50.0/s), pass 1");
    for (int i = 251; i <= 350; i++) {
      now += 50_000_000L; // 20/s
      progress.sent(i, 2);
    }
    assertThat(lines).last().isEqualTo("sent 350 tweets (20.0/s), pass 2");
  }
}
