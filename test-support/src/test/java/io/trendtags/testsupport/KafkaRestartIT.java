package io.trendtags.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** `./trendtags kafka` stopped and started again on the same --data-dir keeps its topics and records. */
class KafkaRestartIT {

  private static StageProcess startBroker(Path dataDir, int port, int controllerPort) throws InterruptedException {
    StageProcess kafka = Stages.start("kafka", "--port", Integer.toString(port),
        "--controller-port", Integer.toString(controllerPort), "--data-dir", dataDir.toString());
    kafka.awaitReady(Duration.ofMinutes(1));
    return kafka;
  }

  @Test
  void shouldKeepTopicsAndRecordsAcrossARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("kafka-restart-it");
    List<Integer> ports = FreePorts.take(2);
    String bootstrap = "127.0.0.1:" + ports.get(0);

    try (StageProcess first = startBroker(dataDir, ports.get(0), ports.get(1))) {
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "1", "#before restart")).get();
      }
      assertThat(first.stop(Duration.ofSeconds(30))).isNotEqualTo(-1);
    }

    try (StageProcess second = startBroker(dataDir, ports.get(0), ports.get(1))) {
      List<String> values = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.GROUP_ID_CONFIG, "kafka-restart-it",
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("kept"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
          return !values.isEmpty();
        });
      }
      assertThat(values).containsExactly("#before restart");
      assertThat(second.isAlive()).isTrue();
    } finally {
      Stages.deleteQuietly(dataDir);
    }
  }
}
