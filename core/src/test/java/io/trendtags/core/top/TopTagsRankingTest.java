package io.trendtags.core.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopTagsRankingTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void sumsCasingsOfOneTagAndShowsTheMostUsed() {
    TopTags top = new TopTagsRanking()
        .add("java", "java", 2)
        .add("java", "Java", 5)
        .add("java", "JAVA", 1)
        .top(10, NOW, 0);

    assertThat(top.tags()).containsExactly(new TagCount("Java", 8));
  }

  @Test
  void ordersHighestFirstAndBreaksTiesByTagSoOrderIsDeterministic() {
    TopTags top = new TopTagsRanking()
        .add("b", "b", 3)
        .add("a", "a", 3)
        .add("c", "c", 7)
        .top(10, NOW, 0);

    assertThat(top.tags()).extracting(TagCount::tag).containsExactly("c", "a", "b");
  }

  @Test
  void tiedCasingsResolveTheSameWhateverTheArrivalOrder() {
    TopTags one = new TopTagsRanking().add("k", "Kotlin", 2).add("k", "KOTLIN", 2).top(1, NOW, 0);
    TopTags other = new TopTagsRanking().add("k", "KOTLIN", 2).add("k", "Kotlin", 2).top(1, NOW, 0);

    assertThat(one.tags()).isEqualTo(other.tags()).containsExactly(new TagCount("KOTLIN", 4));
  }

  @Test
  void keepsOnlyTheTopN() {
    TopTagsRanking ranking = new TopTagsRanking();
    for (int i = 1; i <= 12; i++) {
      ranking.add("t" + i, "t" + i, i);
    }

    TopTags top = ranking.top(10, NOW, 4);

    assertThat(top.tags()).hasSize(10);
    assertThat(top.tags().get(0)).isEqualTo(new TagCount("t12", 12));
    assertThat(top.tags().get(9)).isEqualTo(new TagCount("t3", 3));
    assertThat(top.rejected()).isEqualTo(4);
    assertThat(top.limit(3).tags()).extracting(TagCount::count).containsExactly(12L, 11L, 10L);
  }

  @Test
  void noCountsGiveAnEmptyList() {
    assertThat(new TopTagsRanking().top(10, NOW, 0).tags()).isEmpty();
  }
}
