package io.trendtags.client.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackfillLimitTest {

  @Test
  void aNumberIsACountCappedAtWhatXKeeps() {
    assertThat(BackfillLimit.parse("500")).isEqualTo(new BackfillLimit(500, null));
    assertThat(BackfillLimit.parse("100000").tweets()).isEqualTo(BackfillLimit.MAX_TWEETS);
  }

  @Test
  void anAgeInShortOrIsoForm() {
    assertThat(BackfillLimit.parse("24h").age()).isEqualTo(Duration.ofHours(24));
    assertThat(BackfillLimit.parse("90m").age()).isEqualTo(Duration.ofMinutes(90));
    assertThat(BackfillLimit.parse("7d").age()).isEqualTo(Duration.ofDays(7));
    assertThat(BackfillLimit.parse("PT6H").age()).isEqualTo(Duration.ofHours(6));
    assertThat(BackfillLimit.parse("24h").tweets()).isEqualTo(BackfillLimit.MAX_TWEETS);
  }

  @Test
  void anythingElseSaysWhatIsAccepted() {
    assertThatThrownBy(() -> BackfillLimit.parse("yesterday")).hasMessageContaining("a number of posts (500) or an age");
  }
}
