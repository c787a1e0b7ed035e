package io.trendtags.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.client.bluesky.FakeBluesky;
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
 * The client on the home timeline of a local Bluesky server, into a real broker, started as a user starts it
 * ({@code ./trendtags client --source bluesky}, the app password in the environment): killed with
 * {@code kill -9} at random moments while posts and reposts keep coming, and restarted, every feed item arrives
 * exactly once; a wrong app password stops it with exit code 3; the password reaches no log.
 */
class BlueskyTimelineIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  private static final int PARTITIONS = 3;

  @TempDir Path dir;
  private FakeBluesky bluesky;
  private String topic;

  @BeforeEach
  void start() throws Exception {
    bluesky = new FakeBluesky();
    topic = "tweets-" + UUID.randomUUID();
  }

  @AfterEach
  void stop() {
    bluesky.close();
  }

  private StageProcess startClient(String password) {
    return Stages.builder("client").args("--source", "bluesky", "--handle", FakeBluesky.HANDLE,
        "--service", bluesky.baseUrl().toString(),
        "--kafka", KAFKA.bootstrapServers(), "--topic", topic, "--partitions", Integer.toString(PARTITIONS),
        "--state-dir", dir.resolve("state").toString(), "--poll-interval", "0.2", "--request-timeout", "2",
        "--backfill", "1000", "--metrics-port", "0")
        .env(ClientCommand.BLUESKY_APP_PASSWORD, password)
        .start();
  }

  @Test
  void everyFeedItemArrivesExactlyOnceAcrossKillsAtRandomMoments() throws Exception {
    bluesky.post(150); // more than a page: the backfill follows the cursor
    KAFKA.createTopic(topic, PARTITIONS);
    Random random = new Random(20261203);
    List<Path> logs = new ArrayList<>();
    ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor();
    poster.scheduleWithFixedDelay(() -> {
      bluesky.post(1 + new Random().nextInt(5));
      bluesky.repost("did:plc:r" + new Random().nextInt(3));
    }, 100, 200, TimeUnit.MILLISECONDS);
    try {
      for (int run = 0; run < 5; run++) {
        StageProcess client = startClient(FakeBluesky.APP_PASSWORD);
        logs.add(client.logFile());
        client.awaitReady(Duration.ofSeconds(60));
        int before = bluesky.requests().size();
        int more = 3 + random.nextInt(10);
        Awaitility.await("client requests").atMost(Duration.ofSeconds(30))
            .until(() -> bluesky.requests().size() >= before + more);
        client.kill(); // SIGKILL: no shutdown hook, no last flush
      }
    } finally {
      poster.shutdownNow();
      poster.awaitTermination(5, TimeUnit.SECONDS);
    }
    List<String> expected = bluesky.keys();

    StageProcess last = startClient(FakeBluesky.APP_PASSWORD);
    logs.add(last.logFile());
    last.awaitReady(Duration.ofSeconds(60));
    Map<String, Integer> seen = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      Awaitility.await("every feed item in the topic").atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.merge(r.key(), 1, Integer::sum);
          assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(r.key().substring("bluesky:".length()));
        }
        return seen.size() >= expected.size();
      });
    }
    assertThat(last.stop(Duration.ofSeconds(20))).as("exit code after SIGTERM").isIn(0, 143);
    assertThat(Files.readString(last.logFile(), StandardCharsets.UTF_8)).contains("signed in to Bluesky").contains("stopped; sent");

    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(seen).as("feed items written more than once").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    for (Path log : logs) {
      assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("log %s", log).doesNotContain(FakeBluesky.APP_PASSWORD)
          .doesNotContain("access-jwt-").doesNotContain("refresh-jwt-");
    }
  }

  @Test
  void aWrongAppPasswordExitsAtOnceWithCode3AndSaysWhereToGetOne() throws Exception {
    StageProcess client = startClient("revo-ked0-d15e-a5e0");
    Awaitility.await("the client to exit").atMost(Duration.ofSeconds(60)).until(() -> !client.isAlive());

    assertThat(client.stop(Duration.ofSeconds(1))).isEqualTo(3);
    String log = Files.readString(client.logFile(), StandardCharsets.UTF_8);
    assertThat(log).contains("Bluesky refused the handle or app password").contains("401").contains("App passwords")
        .doesNotContain("TRENDTAGS READY").doesNotContain("revo-ked0-d15e-a5e0");
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return TopicReader.fromStart(KAFKA.bootstrapServers(), topic, PARTITIONS);
  }
}
