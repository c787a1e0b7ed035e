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

  private static final String THREE = "1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093";

  @Test
  void shouldGiveEveryTopicThreeReplicasAndTwoInSyncInAClusterOfThree() {
    Properties node2 = new BrokerSettings(2, 29092, 29093, Path.of("/data/kafka-2"), THREE).toProperties();
    assertThat(node2).containsEntry("node.id", "2")
        .containsEntry("controller.quorum.voters", THREE)
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2");
  }

  @Test
  void shouldFormatEveryNodeOfOneQuorumWithTheSameClusterId() {
    String one = new BrokerSettings(1, 19092, 19093, Path.of("/a"), THREE).clusterId();
    String three = new BrokerSettings(3, 39092, 39093, Path.of("/c"), THREE).clusterId();
    String other = new BrokerSettings(1, 19092, 19093, Path.of("/a"), THREE.replace("39093", "49093")).clusterId();
    assertThat(one).isEqualTo(three).isNotEqualTo(other);
    assertThat(org.apache.kafka.common.Uuid.fromString(one).toString()).isEqualTo(one);
  }
}
