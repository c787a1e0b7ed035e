package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The window and surge views through the real pipeline: tweets with chosen {@code created_at} into
 * Kafka, the {@code ./trendtags stream} process, each view's row in HBase. Times are relative to a
 * clock a minute before now, so no {@code created_at} is later than Kafka's own timestamp.
 */
class WindowsIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final String TOPIC = "windows-it-tweets";
  private static final Duration SETTLE = Duration.ofMinutes(3);
  private static final Instant CLOCK = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1));

  private static final List<String> OWN_TAGS = List.of("Alpha", "Beta", "Gamma", "Delta", "Late");

  private static StreamPipeline pipeline;
  private static TopTagsTable table;
  private static long nextId = 1_900_000_000_000_000_000L;

  @BeforeAll
  static void start() throws Exception {
    pipeline = StreamPipeline.start(KAFKA, HBASE, TOPIC);
    table = pipeline.table();
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static String send(String tag, String author, Duration beforeClock) {
    String id = Long.toString(nextId++);
    sendJson(id, tag, author, beforeClock);
    return id;
  }

  private static void sendJson(String id, String tag, String author, Duration beforeClock) {
    String json = "{\"id\":\"" + id + "\",\"text\":\"post #" + tag + "\",\"author_id\":\"" + author
        + "\",\"created_at\":\"" + CLOCK.minus(beforeClock) + "\"}";
    pipeline.send(id, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The view's entries of this test's own tags. The ITs of this module share one HBase, and a job restarted
   * on its checkpoint takes back every recent minute bucket of the history table, other tests' too.
   */
  private static List<TagCount> view(View view) {
    return table.read(view).map(TopTags::tags).orElse(List.of()).stream().filter(t -> OWN_TAGS.contains(t.tag())).toList();
  }

  @Test
  void shouldCountEachWindowExactlyRankSurgeAndKeepALateTweetInAllTimeOnlyAcrossAKill() throws Exception {
    String alpha = send("Alpha", "a1", Duration.ZERO);
    send("Alpha", "a2", Duration.ofMinutes(2));
    send("alpha", "a3", Duration.ofMinutes(5));
    sendJson(alpha, "Alpha", "a1", Duration.ZERO); // a redelivery: counts once
    send("Beta", "b1", Duration.ofMinutes(20));
    send("Beta", "b2", Duration.ofMinutes(40));
    for (int i = 1; i <= 4; i++) {
      send("Gamma", "g" + i, Duration.ofHours(3));
    }
    pipeline.flush();

    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(table.read(View.LAST_HOUR).map(TopTags::clock)).contains(CLOCK);
      assertThat(view(View.LAST_15_MINUTES)).containsExactly(new TagCount("Alpha", 3, 3));
      assertThat(view(View.LAST_HOUR)).containsExactly(new TagCount("Alpha", 3, 3), new TagCount("Beta", 2, 2));
      assertThat(view(View.LAST_24_HOURS)).containsExactly(
          new TagCount("Gamma", 4, 4), new TagCount("Alpha", 3, 3), new TagCount("Beta", 2, 2));
    });
    // A surge: Alpha's 3 authors this hour against none before; Gamma leads all time but is quiet now.
    assertThat(view(View.SURGE)).first().satisfies(top -> {
      assertThat(top.tag()).isEqualTo("Alpha");
      assertThat(top.score()).isEqualTo(4.0);
    });

    // Spark drops late rows by the watermark of the batch before: let one more batch pass first.
    send("Delta", "d1", Duration.ZERO);
    pipeline.flush();
    await().atMost(SETTLE).untilAsserted(() ->
        assertThat(view(View.LAST_15_MINUTES)).contains(new TagCount("Delta", 1, 1)));
    // Half an hour behind the clock: later than the allowed 10 minutes.
    send("Late", "l1", Duration.ofMinutes(30));
    pipeline.flush();
    await().atMost(SETTLE).untilAsserted(() ->
        assertThat(table.read(View.ALL).map(TopTags::tags).orElse(List.of())).contains(new TagCount("Late", 1, 1)));
    assertThat(view(View.LAST_HOUR)).extracting(TagCount::tag).doesNotContain("Late");

    pipeline.killStream();
    send("Alpha", "a4", Duration.ofMinutes(1));
    pipeline.flush();
    pipeline.startStream();

    await().atMost(SETTLE).untilAsserted(() -> {
      assertThat(view(View.LAST_15_MINUTES)).containsExactly(new TagCount("Alpha", 4, 4), new TagCount("Delta", 1, 1));
      assertThat(view(View.LAST_24_HOURS)).containsExactly(new TagCount("Alpha", 4, 4), new TagCount("Gamma", 4, 4),
          new TagCount("Beta", 2, 2), new TagCount("Delta", 1, 1));
    });

    try (StageProcess web = Stages.start("web", "--port", "0", "--hbase-zk", HBASE.zkQuorum())) {
      URI api = URI.create(web.awaitReady(Duration.ofMinutes(1)).get("url")).resolve("/api/top?view=15m&n=100");
      HttpClient http = HttpClient.newHttpClient();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        JsonNode body = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(api).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(body.get("view").asText()).isEqualTo("15m");
        assertThat(body.get("clock").asText()).isEqualTo(CLOCK.toString());
        JsonNode alphaRow = null;
        for (JsonNode tag : body.get("tags")) {
          alphaRow = alphaRow == null && tag.get("tag").asText().equals("Alpha") ? tag : alphaRow;
        }
        assertThat(alphaRow).as("Alpha in the 15 min view").isNotNull();
        assertThat(alphaRow.get("count").asLong()).isEqualTo(4);
        assertThat(alphaRow.get("authors").asLong()).isEqualTo(4);
      });
    }
  }
}
