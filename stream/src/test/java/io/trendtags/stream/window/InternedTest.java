package io.trendtags.stream.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InternedTest {

  @Test
  void givesOneIdPerStringHeldAndFreesItWithItsLastHolder() {
    Interned interned = new Interned();
    int java = interned.hold("java");
    assertThat(interned.hold("java")).isEqualTo(java);
    int kafka = interned.hold("kafka");
    assertThat(kafka).isNotEqualTo(java);

    interned.release(java);
    assertThat(interned.idOf("java")).as("one holder left").isEqualTo(java);
    interned.release(java);
    assertThat(interned.idOf("java")).isEqualTo(Interned.ABSENT);
    assertThat(interned.size()).isEqualTo(1);

    int spark = interned.hold("spark");
    assertThat(spark).as("the freed id is given out again").isEqualTo(java);
    assertThat(interned.name(spark)).isEqualTo("spark");
    assertThat(interned.name(kafka)).isEqualTo("kafka");
  }

  @Test
  void idsStayBelowTheMostStringsEverHeldAtOnce() {
    Interned interned = new Interned();
    for (int round = 0; round < 50; round++) {
      int[] ids = new int[3_000];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = interned.hold("r" + round + "s" + i);
      }
      for (int id : ids) {
        interned.release(id);
      }
    }
    assertThat(interned.size()).isZero();
    assertThat(interned.limit()).isEqualTo(3_000);
  }
}
