package io.trendtags.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.client.mastodon.FakeMastodon;
import io.trendtags.client.testing.TopicReader;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.testsupport.KafkaBroker;
import io.trendtags.testsupport.Stages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client on the home timeline of a local Mastodon instance, into a real broker, started as a user starts
 * it ({@code ./trendtags client --source mastodon}, the token in the environment): with an hour between polls,
 * so every post after the backfill comes by the streaming API's word; killed with {@code kill -9} at random
 * moments and restarted, every status arrives exactly once; a bad token stops it with exit code 3; the token
 * reaches no log.
 */
class MastodonTimelineIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  private static final int PARTITIONS = 3;

  @TempDir Path dir;
  private FakeMastodon mastodon;
  private String topic;

  @BeforeEach
  void start() throws Exception {
    mastodon = new FakeMastodon();
    topic = "tweets-" + UUID.randomUUID();
  }

  @AfterEach
  void stop() {
    mastodon.close();
  }

  private StageProcess startClient(String token) {
    return Stages.builder("client").args("--source", "mastodon", "--instance", mastodon.baseUrl().toString(),
        "--kafka", KAFKA.bootstrapServers(), "--topic", topic, "--partitions", Integer.toString(PARTITIONS),
        "--state-dir", dir.resolve("state").toString(), "--poll-interval", "3600", "--request-timeout", "2",
        "--backfill", "1000", "--metrics-port", "0")
        .env(ClientCommand.MASTODON_TOKEN, token)
        .start();
  }

  @Test
  void everyStatusArrivesExactlyOnceThroughTheStreamAcrossKillsAtRandomMoments() throws Exception {
    mastodon.post(50); // more than a page: the backfill follows the Link header
    KAFKA.createTopic(topic, PARTITIONS);
    Random random = new Random(20261202);
    List<Path> logs = new ArrayList<>();
    ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor();
    poster.scheduleWithFixedDelay(() -> mastodon.post(1 + new Random().nextInt(5)), 100, 200, TimeUnit.MILLISECONDS);
    try {
      for (int run = 0; run < 5; run++) {
        StageProcess client = startClient(FakeMastodon.TOKEN);
        logs.add(client.logFile());
        client.awaitReady(Duration.ofSeconds(60));
        int before = mastodon.requests().size();
        int more = 3 + random.nextInt(10);
        Awaitility.await("client requests").atMost(Duration.ofSeconds(30))
            .until(() -> mastodon.requests().size() >= before + more);
        client.kill(); // SIGKILL: no shutdown hook, no last flush
      }
    } finally {
      poster.shutdownNow();
      poster.awaitTermination(5, TimeUnit.SECONDS);
    }
    List<String> all = mastodon.ids();

    StageProcess last = startClient(FakeMastodon.TOKEN);
    logs.add(last.logFile());
    last.awaitReady(Duration.ofSeconds(60));
    Awaitility.await("the stream open").atMost(Duration.ofSeconds(30)).until(() -> mastodon.openStreams() == 1);
    List<String> live = mastodon.post(3); // after the catch-up: only the stream can say they came
    List<String> expected = new ArrayList<>(all);
    expected.addAll(live);
    Map<String, Integer> seen = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      Awaitility.await("every status in the topic").atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.merge(r.key(), 1, Integer::sum);
          assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"id\":\"" + r.key().substring("mastodon:".length()) + "\"");
        }
        return seen.size() >= expected.size();
      });
    }
    assertThat(last.stop(Duration.ofSeconds(20))).as("exit code after SIGTERM").isIn(0, 143);
    assertThat(Files.readString(last.logFile(), StandardCharsets.UTF_8)).contains("listening to the Mastodon stream")
        .contains("stopped; sent");

    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(id -> "mastodon:" + id).toList());
    assertThat(seen).as("statuses written more than once").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    for (Path log : logs) {
      assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("log %s", log).doesNotContain(FakeMastodon.TOKEN);
    }
  }

  @Test
  void aRevokedTokenExitsAtOnceWithCode3AndSaysWhereToGetOne() throws Exception {
    StageProcess client = startClient("revoked-token-0d15ea5e");
    Awaitility.await("the client to exit").atMost(Duration.ofSeconds(60)).until(() -> !client.isAlive());

    assertThat(client.stop(Duration.ofSeconds(1))).isEqualTo(3);
    String log = Files.readString(client.logFile(), StandardCharsets.UTF_8);
    assertThat(log).contains("Mastodon refused the access token").contains("401").contains("read:statuses")
        .doesNotContain("TRENDTAGS READY").doesNotContain("revoked-token-0d15ea5e");
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return TopicReader.fromStart(KAFKA.bootstrapServers(), topic, PARTITIONS);
  }
}
