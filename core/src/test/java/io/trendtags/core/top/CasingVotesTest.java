package io.trendtags.core.top;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CasingVotesTest {

  @Test
  void showsTheCasingUsedMost() {
    assertThat(new CasingVotes().add("java", 2).add("Java", 5).add("JAVA", 1).mostUsed()).isEqualTo("Java");
  }

  @Test
  void breaksTiesByTheCasingThatSortsFirstWhateverTheOrder() {
    assertThat(new CasingVotes().add("kotlin", 4).add("KOTLIN", 4).mostUsed()).isEqualTo("KOTLIN");
    assertThat(new CasingVotes().add("KOTLIN", 4).add("kotlin", 4).mostUsed()).isEqualTo("KOTLIN");
  }

  @Test
  void mergesPartialVotesAsSparkCombinesPartitions() {
    CasingVotes left = new CasingVotes().add("Rust", 3).add("rust", 1);
    CasingVotes right = new CasingVotes().add("rust", 4);
    assertThat(left.addAll(right).mostUsed()).isEqualTo("rust");
  }

  @Test
  void keepsTheRealFavouriteWhenAFloodOfOneOffCasingsPassesTheLimit() {
    // Space-Saving keeps every casing used more than 1/LIMIT of the time, whatever else arrives.
    CasingVotes votes = new CasingVotes().add("JavaJavaJava", 1000);
    // Each of the 4,096 casings of "javajavajava" is a new string: far more than the votes keep.
    for (int i = 0; i < 4096; i++) {
      StringBuilder s = new StringBuilder();
      for (int b = 0; b < 12; b++) {
        char c = "javajavajava".charAt(b);
        s.append((i >> b & 1) == 1 ? Character.toUpperCase(c) : c);
      }
      votes.add(s.toString(), 1);
    }
    assertThat(votes.mostUsed()).isEqualTo("JavaJavaJava");
  }

  @Test
  void hasNoCasingWithoutVotes() {
    assertThat(new CasingVotes().mostUsed()).isNull();
  }
}
