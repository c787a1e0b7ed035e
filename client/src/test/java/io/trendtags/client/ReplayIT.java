package io.trendtags.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.client.replay.TimelineSource;
import io.trendtags.testsupport.KafkaBroker;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The client's command on a real broker: every tweet of a small file arrives exactly once. */
class ReplayIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @TempDir Path dir;

  @Test
  void replaysEveryTweetOnceWithItsIdAsKeyAndAsTheFileHasItWithOriginalTimes() throws Exception {
    List<String> tweets = new ArrayList<>();
    try (BufferedReader bundled = TimelineSource.bundled().open()) {
      for (int i = 0; i < 200; i++) {
        tweets.add(bundled.readLine());
      }
    }
    List<String> file = new ArrayList<>(tweets);
    file.add(100, "this line is not a tweet");
    Path replay = Files.write(dir.resolve("small.jsonl"), file, StandardCharsets.UTF_8);
    String topic = "tweets-" + UUID.randomUUID();

    int code = new CommandLine(new ClientCommand()).execute(
        "--replay", replay.toString(), "--rate", "0", "--kafka", KAFKA.bootstrapServers(),
        "--topic", topic, "--partitions", "3", "--original-times", "--metrics-port", "0");

    assertThat(code).isZero();
    Map<String, String> expected = new LinkedHashMap<>();
    for (String tweet : tweets) {
      expected.put(tweet.substring(7, tweet.indexOf('"', 7)), tweet); // {"id":"<id>",...
    }
    assertThat(readAll(topic, 3)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  /** Every record of the topic, key to value; fails on a key seen twice. */
  private static Map<String, String> readAll(String topic, int partitions) {
    Map<String, String> records = new LinkedHashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        all.add(new TopicPartition(topic, p));
      }
      consumer.assign(all);
      consumer.seekToBeginning(all);
      Map<TopicPartition, Long> end = consumer.endOffsets(all);
      Awaitility.await("every record of " + topic).atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String previous = records.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
          assertThat(previous).as("key %s seen twice", r.key()).isNull();
        }
        return all.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
      });
    }
    return records;
  }
}
