package io.trendtags.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class ReadyLineTest {

  @Test
  void readsTheKeyValuePairsOfItsOwnStage() {
    assertThat(ReadyLine.parse("hbase", "TRENDTAGS READY hbase zk=127.0.0.1:2181 ui=http://127.0.0.1:16010"))
        .hasValueSatisfying(values -> assertThat(values)
            .containsExactly(
                entry("zk", "127.0.0.1:2181"),
                entry("ui", "http://127.0.0.1:16010")));
  }

  @Test
  void acceptsAReadyLineWithoutValues() {
    assertThat(ReadyLine.parse("web", "TRENDTAGS READY web")).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void ignoresOtherStagesAndOrdinaryOutput() {
    assertThat(ReadyLine.parse("kafka", "TRENDTAGS READY kafkaesque bootstrap=x")).isEmpty();
    assertThat(ReadyLine.parse("kafka", "TRENDTAGS READY hbase zk=127.0.0.1:2181")).isEmpty();
    assertThat(ReadyLine.parse("kafka", "04:05:43 INFO starting kafka")).isEmpty();
  }
}
