package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.Stages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stopped (SIGTERM) and later killed ({@code kill -9}) while {@code ./trendtags client} replays a
 * timeline into it and {@code ./trendtags stream} counts it, each time restarted on its own data after 20 s:
 * the client neither loses nor doubles a tweet (the topic holds each id once), the job resumes by itself
 * (no one restarts it), and the counts equal the truth.
 */
class KafkaOutageIT {

  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final String TOPIC = "kafka-outage-it";
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final int TWEETS = 3000;

  private final TruthTimeline truth = new TruthTimeline(20261203L, 1_882_000_000_000_000_000L);
  private final List<Integer> ports = FreePorts.take(2);
  private final String bootstrap = "127.0.0.1:" + ports.get(0);
  private Path kafkaData;
  private StageProcess kafka;
  private StageProcess client;
  private StreamPipeline pipeline;

  @AfterEach
  void stop() {
    if (client != null) {
      client.stop(Duration.ofSeconds(20));
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (kafka != null) {
      kafka.stop(Duration.ofSeconds(30));
    }
  }

  private void startKafka() throws InterruptedException {
    kafka = Stages.start("kafka", "--port", Integer.toString(ports.get(0)),
        "--controller-port", Integer.toString(ports.get(1)), "--data-dir", kafkaData.toString());
    kafka.awaitReady(Duration.ofMinutes(1));
  }

  @Test
  void theClientLosesAndDoublesNothingAndTheJobResumesByItselfWhenTheBrokerStopsAndDies(@TempDir Path dir) throws Exception {
    kafkaData = dir.resolve("kafka");
    Path timeline = truth.writeTimeline(dir.resolve("timeline.jsonl"), TWEETS);
    startKafka();
    pipeline = StreamPipeline.start(bootstrap, HBASE.zkQuorum(), TOPIC);
    // 3,000 tweets at 40/s: the replay runs through both outages.
    client = Stages.start("client", "--replay", timeline.toString(), "--rate", "40", "--kafka", bootstrap,
        "--topic", TOPIC, "--state-dir", dir.resolve("client").toString(), "--original-times");
    client.awaitReady(Duration.ofMinutes(1));

    Thread.sleep(10_000);
    assertThat(kafka.stop(Duration.ofSeconds(30))).as("the broker stopped on SIGTERM").isNotEqualTo(-1);
    Thread.sleep(OUTAGE.toMillis());
    startKafka();
    Thread.sleep(10_000);
    kafka.kill();
    Thread.sleep(OUTAGE.toMillis());
    startKafka();

    assertThat(client.awaitExit(Duration.ofMinutes(3))).as("the client finished its replay").isZero();
    assertThat(idsOnTheTopic()).as("each tweet on the topic once").hasSize(TWEETS).allSatisfy((id, n) -> assertThat(n).isOne());
    assertThat(pipeline.streamAlive()).as("the job is still the one started first").isTrue();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      TopTags top = pipeline.table().read(View.ALL).orElse(TopTags.empty());
      Map<String, Long> counted = new HashMap<>();
      top.tags().forEach(tag -> counted.put(tag.tag().toLowerCase(Locale.ROOT), tag.count()));
      assertThat(counted).isEqualTo(truth.expectedCounts());
    });
  }

  private Map<String, Integer> idsOnTheTopic() {
    Map<String, Integer> ids = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG, "kafka-outage-it-" + System.nanoTime(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < Duration.ofSeconds(10).toNanos()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          ids.merge(record.key(), 1, Integer::sum);
          quietSince = System.nanoTime();
        }
      }
    }
    return ids;
  }
}
