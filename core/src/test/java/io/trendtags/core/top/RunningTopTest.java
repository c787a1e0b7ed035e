package io.trendtags.core.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningTopTest {

  @Test
  void ordersHighestFirstAndBreaksTiesByTag() {
    RunningTop top = new RunningTop(10);
    top.update("b", "b", 3, 1);
    top.update("a", "a", 3, 2);
    top.update("c", "C", 7, 1);

    assertThat(top.top()).containsExactly(new TagCount("C", 7, 1), new TagCount("a", 3, 2), new TagCount("b", 3, 1));
  }

  @Test
  void equalsTheTopOfAllCountsWhenFedOnlyTheRowsThatChanged() {
    Random random = new Random(7);
    Map<String, Long> truth = new HashMap<>();
    RunningTop top = new RunningTop(5);
    for (int batch = 0; batch < 200; batch++) {
      Map<String, Long> changed = new HashMap<>();
      for (int i = 0; i < 5; i++) {
        String key = "t" + random.nextInt(40);
        changed.put(key, truth.merge(key, 1L + random.nextInt(3), Long::sum));
      }
      changed.forEach((key, count) -> top.update(key, key, count, 0));

      List<TagCount> expected = truth.entrySet().stream()
          .map(e -> new TagCount(e.getKey(), e.getValue()))
          .sorted(RunningTop.HIGHEST_FIRST).limit(5).toList();
      assertThat(top.top()).as("batch %d", batch).isEqualTo(expected);
    }
  }

  @Test
  void appliesABatchTwiceWithoutChange() {
    RunningTop top = new RunningTop(3);
    top.update("java", "Java", 5, 2);
    top.update("java", "Java", 5, 2);
    assertThat(top.top()).containsExactly(new TagCount("Java", 5, 2));
  }

  @Test
  void resumesFromTheStoredListUnderFoldedKeys() {
    RunningTop top = RunningTop.resuming(List.of(new TagCount("Java", 5, 2), new TagCount("Kafka", 4, 1)), 3);
    top.update("java", "JAVA", 6, 3);
    assertThat(top.top()).containsExactly(new TagCount("JAVA", 6, 3), new TagCount("Kafka", 4, 1));
  }
}
