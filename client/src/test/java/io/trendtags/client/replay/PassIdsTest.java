package io.trendtags.client.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void idsThatWouldOverflowAreRefused() {
    assertThatThrownBy(() -> PassIds.idInPass("9000000000000000000", 300)).isInstanceOf(ArithmeticException.class);
  }
}
