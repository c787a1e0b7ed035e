package io.trendtags.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.client.x.FakeXApi;
import io.trendtags.client.x.XCredentials;
import io.trendtags.client.testing.TopicReader;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.testsupport.KafkaBroker;
import io.trendtags.testsupport.Stages;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/**
 * The client on the home timeline of a local X API, into a real broker, started as a user starts it
 * ({@code ./trendtags client}): killed at random moments and restarted, every tweet arrives exactly once;
 * bad credentials stop it at once with exit code 3; no secret reaches a log.
 */
class XTimelineIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  private static final int PARTITIONS = 3;

  @TempDir Path dir;
  private FakeXApi x;
  private String topic;

  @BeforeEach
  void start() throws Exception {
    x = new FakeXApi(20);
    topic = "tweets-" + UUID.randomUUID();
  }

  @AfterEach
  void stop() {
    x.close();
  }

  private StageProcess startClient(XCredentials credentials) {
    StageProcess.Builder client = Stages.builder("client").args(
        "--api-base-url", x.baseUrl().toString(), "--kafka", KAFKA.bootstrapServers(), "--topic", topic,
        "--partitions", Integer.toString(PARTITIONS), "--state-dir", dir.resolve("state").toString(),
        "--poll-interval", "0.2", "--request-timeout", "2", "--backfill", "1000", "--metrics-port", "0");
    for (int i = 0; i < 4; i++) {
      client.env(XCredentials.ENVIRONMENT.get(i), credentials.values().get(i));
    }
    return client.start();
  }

  @Test
  void everyTweetArrivesExactlyOnceAcrossKillsAtRandomMoments() throws Exception {
    x.post(10);
    KAFKA.createTopic(topic, PARTITIONS);
    KafkaConsumer<String, byte[]> offsets = consumer();
    Random random = new Random(20261125);
    List<Path> logs = new ArrayList<>();
    ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor();
    // New tweets keep coming, in bursts that are sometimes bigger than a page, while the client is killed.
    poster.scheduleWithFixedDelay(() -> x.post(1 + new Random().nextInt(10)), 100, 300, TimeUnit.MILLISECONDS);
    int kills = 6;
    try {
      for (int run = 0; run < kills; run++) {
        StageProcess client = startClient(FakeXApi.CREDENTIALS);
        logs.add(client.logFile());
        client.awaitReady(Duration.ofSeconds(60));
        int before = x.requests().size();
        int more = 2 + random.nextInt(12);
        Awaitility.await("client requests").atMost(Duration.ofSeconds(30))
            .until(() -> x.requests().size() >= before + more);
        if (run % 2 == 1) {
          // Right after Kafka acknowledged a delivery: the client is then between the acknowledgement and
          // saving its position, the moment that would re-send tweets if the position were all it had.
          long written = endOffsetSum(offsets);
          Awaitility.await("a delivery").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
              .until(() -> endOffsetSum(offsets) > written);
        }
        client.kill(); // SIGKILL: no shutdown hook, no last flush
      }
    } finally {
      offsets.close();
      poster.shutdownNow();
      poster.awaitTermination(5, TimeUnit.SECONDS);
    }
    List<String> all = x.ids();

    StageProcess last = startClient(FakeXApi.CREDENTIALS);
    logs.add(last.logFile());
    last.awaitReady(Duration.ofSeconds(60));
    Map<String, Integer> seen = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      Awaitility.await("every tweet in the topic").atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.merge(r.key(), 1, Integer::sum);
          assertThat(FakeXApi.parse(new String(r.value(), StandardCharsets.UTF_8)).get("id").asText()).isEqualTo(r.key());
        }
        return seen.size() >= all.size();
      });
    }
    // SIGTERM: the JVM reports 143 however cleanly the hooks ran; the log says the client stopped itself.
    assertThat(last.stop(Duration.ofSeconds(20))).as("exit code after SIGTERM").isIn(0, 143);
    assertThat(Files.readString(last.logFile(), StandardCharsets.UTF_8)).contains("stopped; sent");

    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(seen).as("tweets written more than once").allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    assertNoSecretIn(logs);
    assertThat(x.badSignatures()).isZero();
  }

  @Test
  void revokedCredentialsExitAtOnceWithCode3AndAClearMessage() throws Exception {
    XCredentials revoked = new XCredentials(FakeXApi.CREDENTIALS.consumerKey(), FakeXApi.CREDENTIALS.consumerSecret(),
        FakeXApi.CREDENTIALS.accessToken(), "as-revoked-0d15ea5e");
    StageProcess client = startClient(revoked);
    Awaitility.await("the client to exit").atMost(Duration.ofSeconds(60)).until(() -> !client.isAlive());

    assertThat(client.stop(Duration.ofSeconds(1))).isEqualTo(3);
    String log = Files.readString(client.logFile(), StandardCharsets.UTF_8);
    assertThat(log).contains("X refused the credentials").contains("401 Unauthorized")
        .doesNotContain("TRENDTAGS READY").doesNotContain("Exception");
    assertThat(x.requests()).hasSize(1);
    assertNoSecretIn(List.of(client.logFile()));
    assertThat(log).doesNotContain("as-revoked-0d15ea5e");
  }

  @Test
  void credentialsAsArgumentsWorkWithAWarning() {
    StringWriter err = new StringWriter();
    ClientCommand command = new ClientCommand();
    command.environment = Map.of();
    List<String> wrongSecret = new ArrayList<>(FakeXApi.CREDENTIALS.values());
    wrongSecret.set(1, "cs-wrong-8badf00d");
    List<String> args = new ArrayList<>(wrongSecret);
    args.addAll(List.of("--api-base-url", x.baseUrl().toString(), "--kafka", KAFKA.bootstrapServers(),
        "--topic", topic, "--state-dir", dir.resolve("state").toString(), "--metrics-port", "0"));

    int code = new CommandLine(command).setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("can be read by other local users in the process list")
        .doesNotContain("cs-wrong-8badf00d");
    assertThat(x.requests()).hasSize(1).allSatisfy(r -> assertThat(r.path()).isEqualTo("/2/users/me"));
  }

  private static void assertNoSecretIn(List<Path> logs) throws Exception {
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      for (String secret : FakeXApi.CREDENTIALS.values()) {
        assertThat(text).as("log %s", log).doesNotContain(secret);
      }
    }
  }

  private long endOffsetSum(KafkaConsumer<String, byte[]> consumer) {
    return consumer.endOffsets(consumer.assignment()).values().stream().mapToLong(Long::longValue).sum();
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return TopicReader.fromStart(KAFKA.bootstrapServers(), topic, PARTITIONS);
  }
}
