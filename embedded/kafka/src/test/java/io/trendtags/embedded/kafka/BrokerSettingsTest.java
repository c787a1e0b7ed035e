package io.trendtags.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

  private final Properties properties = new BrokerSettings(19092, 19093, Path.of("/data/kafka")).toProperties();

  @Test
  void shouldListenOnLoopbackOnly() {
    assertThat(properties.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(properties.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
    assertThat(properties.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
  }

  @Test
  void shouldFitEveryInternalTopicOnOneNode() {
    assertThat(properties).containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1");
  }

  @Test
  void shouldNeverCreateATopicByAccident() {
    assertThat(properties).containsEntry("auto.create.topics.enable", "false")
        .containsEntry("group.initial.rebalance.delay.ms", "0");
  }

  @Test
  void shouldKeepItsLogsUnderTheDataDir() {
    assertThat(properties.getProperty("log.dirs")).isEqualTo(Path.of("/data/kafka/logs").toString());
  }
}
