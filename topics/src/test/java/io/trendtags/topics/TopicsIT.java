package io.trendtags.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trendtags.launcher.process.FreePorts;
import io.trendtags.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicsIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void createsAMissingTopicWithItsPartitionsAndConfigsAndFindsItTheSecondTime() throws Exception {
    assertThat(Topics.ensure(KAFKA.bootstrapServers(), "posts", 3, null, Topics.BROKER_TIMES)).isTrue();
    assertThat(Topics.ensure(KAFKA.bootstrapServers(), "posts", 3, null, Topics.BROKER_TIMES)).isFalse();

    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()))) {
      assertThat(admin.describeTopics(List.of("posts")).allTopicNames().get().get("posts").partitions()).hasSize(3);
      ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "posts");
      Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
      assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
    }
  }

  @Test
  void aTopicKafkaRefusesFailsWithKafkasReason() {
    assertThatThrownBy(() -> Topics.ensure(KAFKA.bootstrapServers(), "bad-config", 1, null,
        Map.of("message.timestamp.type", "Sometimes")))
        .isInstanceOf(TopicException.class)
        .hasMessageStartingWith("Kafka at " + KAFKA.bootstrapServers() + " refused topic 'bad-config': ")
        .hasMessageContaining("Sometimes");
  }

  @Test
  void noBrokerFailsWithinTheTimeoutSayingWhatToCheck() {
    String nobody = "127.0.0.1:" + FreePorts.next();
    long started = System.nanoTime();
    assertThatThrownBy(() -> Topics.ensure(nobody, "posts", 1, null, Map.of(), Duration.ofSeconds(2)))
        .isInstanceOf(TopicException.class)
        .hasMessage("no Kafka broker answered at " + nobody + " within 2 s: is it running (./trendtags kafka),"
            + " and is --kafka right?");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }
}
