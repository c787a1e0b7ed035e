package io.trendtags.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.tweet.Tweet;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PassIdsTest {

  @Test
  void theFirstPassKeepsTheIds() {
    assertThat(PassIds.idInPass("2125016715287859255", 0)).isEqualTo("2125016715287859255");
  }

  @Test
  void passKShiftsByKOffsets() {
    assertThat(PassIds.idInPass("2125016715287859255", 1)).isEqualTo("2126016715287859255");
    assertThat(PassIds.idInPass("2125016715287859255", 3)).isEqualTo("2128016715287859255");
  }

  @Test
  void passesOfADayOfIdsNeverOverlap() {
    long daySpan = 86_400_000L << 22;
    assertThat(PassIds.OFFSET).isGreaterThan(daySpan);
  }

  @Test
  void idsGoOnPastALongSoAReplayLoopsForAsLongAsItRuns() {
    assertThat(PassIds.idInPass("9000000000000000000", 300)).isEqualTo("9300000000000000000");
    assertThat(PassIds.idInPass("9000000000000000000", 30_000)).isEqualTo("39000000000000000000");
    String previous = PassIds.idInPass("2125016715287859255", 6);
    for (long pass = 7; pass < 990_000; pass += 9_973) {
      String id = PassIds.idInPass("2125016715287859255", pass);
      assertThat(new BigInteger(id)).isGreaterThan(new BigInteger(previous));
      previous = id;
    }
  }

  @Test
  void idsWrapAroundWithinTheLongestIdTheStreamTakesAndComeBackOnlyABillionPassesLater() {
    String late = PassIds.idInPass("2125016715287859255", 5_000_000_003L);
    assertThat(late).hasSizeLessThanOrEqualTo(Tweet.MAX_ID_DIGITS).containsOnlyDigits();
    assertThat(PassIds.idInPass("2125016715287859255", 1_000_000_001)).isEqualTo(PassIds.idInPass("2125016715287859255", 1));
    assertThat(PassIds.idInPass("2125016715287859255", 999_999_999)).isNotEqualTo(PassIds.idInPass("2125016715287859255", 1));
  }
}
