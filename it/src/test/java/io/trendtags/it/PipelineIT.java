package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.store.TopTagsTable;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.KafkaBroker;
import io.trendtags.testsupport.Stages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline on the real systems: tweets into a Kafka broker, the Spark job as its own process
 * ({@code ./trendtags stream}), counts in HBase, and the web app's {@code /api/top} over them. The
 * expected counts come from {@link TruthTimeline}'s bookkeeping.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final String TOPIC = "pipeline-it-tweets";
  private static final Duration SETTLE = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final TruthTimeline TRUTH = new TruthTimeline(20261125L, 1_862_000_000_000_000_000L);
  private static StreamPipeline pipeline;
  private static TopTagsTable table;

  @BeforeAll
  static void startPipeline() throws Exception {
    pipeline = StreamPipeline.start(KAFKA, HBASE, TOPIC);
    table = pipeline.table();
  }

  @AfterAll
  static void stopPipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  @Order(1)
  void shouldCountEachTweetOnceFoldingCaseAndSetAsidePoison() throws Exception {
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String tweet = TRUTH.tweet();
      sent.add(tweet);
      send(tweet.getBytes(StandardCharsets.UTF_8));
      if (i % 40 == 0) {
        send(TRUTH.poison());
      }
    }
    // Redeliveries: the same tweets again, as a client retrying after a lost acknowledgement would.
    for (int i = 0; i < sent.size(); i += 7) {
      send(sent.get(i).getBytes(StandardCharsets.UTF_8));
    }
    pipeline.flush();

    awaitCountsEqualTruth();

    TopTags top = table.read().orElse(TopTags.empty());
    top.tags().forEach(tag -> assertThat(tag.tag()).isEqualTo(TRUTH.expectedCasing(tag.tag().toLowerCase(Locale.ROOT))));
    assertThat(top.tags()).isSortedAccordingTo((a, b) -> Long.compare(b.count(), a.count()));
  }

  @Test
  @Order(2)
  void shouldKeepCountsExactWhenTheJobIsKilledMidStreamAndRestarted() throws Exception {
    long countedBefore = total(table.read().orElse(TopTags.empty()));
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 3000; i++) {
        send(TRUTH.tweet().getBytes(StandardCharsets.UTF_8));
        if (i % 100 == 0) {
          send(TRUTH.poison());
          pipeline.flush();
          pause(15);
        }
      }
      pipeline.flush();
    });

    // Kill -9 once the job is visibly part-way through the new tweets.
    await().atMost(SETTLE).until(() -> total(table.read().orElse(TopTags.empty())) > countedBefore);
    pipeline.killStream();
    assertThat(pipeline.streamAlive()).isFalse();
    writing.join();

    pipeline.startStream();
    awaitCountsEqualTruth();
  }

  @Test
  @Order(3)
  void shouldServeTheSameCountsAtTheWebApi() throws Exception {
    try (StageProcess web = Stages.start("web", "--port", "0", "--hbase-zk", HBASE.zkQuorum())) {
      URI api = URI.create(web.awaitReady(Duration.ofMinutes(1)).get("url")).resolve("/api/top?n=100");
      HttpClient http = HttpClient.newHttpClient();
      Map<String, Long> expected = TRUTH.expectedCounts();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(served(http, api)).isEqualTo(expected);
        JsonNode body = JSON.readTree(http.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(body.get("updated_at").asText()).isNotBlank();
      });
    }
  }

  @Test
  @Order(4)
  void shouldBringANewCountToTheWebAppAsSoonAsTheJobSaysItWroteIt() throws Exception {
    // The app polls HBase once an hour here: past its first read, only the job's change notices move it.
    try (StageProcess web = Stages.start("web", "--port", "0", "--hbase-zk", HBASE.zkQuorum(),
        "--kafka", KAFKA.bootstrapServers(), "--refresh", "1h")) {
      URI api = URI.create(web.awaitReady(Duration.ofMinutes(1)).get("url")).resolve("/api/top?n=100");
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(served(http, api)).isEqualTo(TRUTH.expectedCounts()));
      // Notices sent before the app took the topic's end are not its own: wait until it listens.
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(web.logFile())
          .contains("Hearing the job's change notices"));

      for (int i = 0; i < 50; i++) {
        send(TRUTH.tweet().getBytes(StandardCharsets.UTF_8));
      }
      pipeline.flush();
      Map<String, Long> expected = TRUTH.expectedCounts();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(served(http, api)).isEqualTo(expected));
    }
  }

  private static Map<String, Long> served(HttpClient http, URI api) throws Exception {
    JsonNode body = JSON.readTree(http.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString()).body());
    Map<String, Long> served = new HashMap<>();
    body.get("tags").forEach(t -> served.put(t.get("tag").asText().toLowerCase(Locale.ROOT), t.get("count").asLong()));
    return served;
  }

  private static void send(byte[] value) {
    pipeline.send(null, value);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // paces the producer so the kill lands mid-stream; not a wait for a result
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long total(TopTags top) {
    return top.tags().stream().mapToLong(TagCount::count).sum() + top.rejected();
  }

  private static void awaitCountsEqualTruth() {
    Map<String, Long> expected = TRUTH.expectedCounts();
    assertThat(expected).hasSizeLessThanOrEqualTo(TopTags.MAX_SIZE); // so the stored list holds every tag
    await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      TopTags top = table.read().orElse(TopTags.empty());
      Map<String, Long> counted = new HashMap<>();
      Map<String, Long> authors = new HashMap<>();
      top.tags().forEach(tag -> counted.put(tag.tag().toLowerCase(Locale.ROOT), tag.count()));
      top.tags().forEach(tag -> authors.put(tag.tag().toLowerCase(Locale.ROOT), tag.authors()));
      assertThat(counted).isEqualTo(expected);
      assertThat(authors).isEqualTo(TRUTH.expectedAuthors());
      assertThat(top.rejected()).isEqualTo(TRUTH.expectedRejected());
    });
  }
}
