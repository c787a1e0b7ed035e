package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.testsupport.HeadlessChromium;
import io.trendtags.testsupport.KafkaBroker;
import io.trendtags.testsupport.Stages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * HBase killed ({@code kill -9}) while {@code ./trendtags client} replays a timeline and {@code ./trendtags
 * stream} counts it, and restarted on its own data a minute later, as a user would: {@code ./trendtags hbase}
 * with the same options. Meanwhile the job keeps running (retrying, saying so), the web app keeps serving
 * its last lists marked stale (in {@code /api/top} and on the page, in headless Chromium) and says on
 * {@code /health} that HBase is down; afterwards both are back by
 * themselves, the counts equal the truth, and neither process holds more threads or file descriptors than
 * before (a connection opened per retry and never closed would show as both).
 */
class HBaseOutageIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  private static final String TOPIC = "hbase-outage-it";
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final int TWEETS = 3000;
  /**
   * Threads and descriptors a process may gain across the outage without anything leaking: across runs the
   * steady threads moved by 3 at most and the fds by 10; each connection leaked per retry (five or more
   * retries in the minute) would add its ZooKeeper client's threads and sockets.
   */
  private static final int THREAD_SLACK = 6;
  /**
   * Spark's pools that grow with work and may not have shrunk yet (the block manager's asks and storage, task
   * threads, state store maintenance). A connection leaked per retry shows in the other threads (HBase's
   * and ZooKeeper's) and in the fds.
   */
  private static final List<String> ELASTIC_POOLS = List.of("block-manager-a", "block-manager-s", "Executor task i", "state-store-mai");
  private static final int FD_SLACK = 12;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TruthTimeline truth = new TruthTimeline(20261204L, 1_883_000_000_000_000_000L);
  private final HttpClient http = HttpClient.newHttpClient();
  private final String zk = "127.0.0.1:" + FreePorts.next();
  private Path hbaseData;
  private StageProcess hbase;
  private StageProcess client;
  private StageProcess web;
  private StreamPipeline pipeline;
  private ChromeDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    for (StageProcess process : new StageProcess[] {client, web}) {
      if (process != null) {
        process.stop(Duration.ofSeconds(20));
      }
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (hbase != null) {
      hbase.stop(Duration.ofSeconds(40));
    }
  }

  private void startHBase() throws InterruptedException {
    hbase = Stages.start("hbase", "--data-dir", hbaseData.toString(), "--zk-port", zk.substring(zk.indexOf(':') + 1),
        "--ui-port", "-1", "--random-ports");
    hbase.awaitReady(Duration.ofMinutes(2));
  }

  @Test
  void theJobAndTheWebAppRideOutAnHBaseKilledAndRestartedAMinuteLater(@TempDir Path dir) throws Exception {
    hbaseData = dir.resolve("hbase");
    Path timeline = truth.writeTimeline(dir.resolve("timeline.jsonl"), TWEETS);
    startHBase();
    KAFKA.createTopic(TOPIC, 2);
    pipeline = StreamPipeline.start(KAFKA.bootstrapServers(), zk, TOPIC);
    web = Stages.start("web", "--port", "0", "--hbase-zk", zk);
    URI site = URI.create(web.awaitReady(Duration.ofMinutes(1)).get("url"));
    // 3,000 tweets at 25/s: the replay runs through the outage.
    client = Stages.start("client", "--replay", timeline.toString(), "--rate", "25", "--kafka", KAFKA.bootstrapServers(),
        "--topic", TOPIC, "--state-dir", dir.resolve("client").toString(), "--original-times");
    client.awaitReady(Duration.ofMinutes(1));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(top(site).get("tags")).isNotEmpty());
    browser = HeadlessChromium.start(dir.resolve("chromium"));
    browser.get(site.toString());
    WebElement staleMark = browser.findElement(By.id("stale"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.cssSelector("#top-table tbody tr")).isEmpty());
    assertThat(staleMark.isDisplayed()).isFalse();
    Thread.sleep(5_000);
    Footprint streamBefore = Footprint.of(pipeline.stream());
    Footprint webBefore = Footprint.of(web);
    hbase.kill();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> health = get(site.resolve("/health"));
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(health.body()).get("down").toString()).contains("hbase");
      JsonNode top = top(site);
      assertThat(top.get("stale").asBoolean()).as("the last lists, marked stale").isTrue();
      assertThat(top.get("tags")).as("still served").isNotEmpty();
      assertThat(staleMark.isDisplayed()).as("the page's stale mark").isTrue();
      assertThat(staleMark.getText()).contains("cannot read HBase");
    });
    assertThat(browser.findElements(By.cssSelector("#top-table tbody tr"))).as("the page keeps its rows").isNotEmpty();
    Footprint streamDuring = streamBefore;
    Footprint webDuring = webBefore;
    long back = System.nanoTime() + OUTAGE.toNanos();
    while (System.nanoTime() < back) {
      streamDuring = streamDuring.max(Footprint.of(pipeline.stream()));
      webDuring = webDuring.max(Footprint.of(web));
      Thread.sleep(2_000);
    }
    startHBase();

    await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
      assertThat(get(site.resolve("/health")).statusCode()).isEqualTo(200);
      assertThat(top(site).get("stale").asBoolean()).isFalse();
      assertThat(staleMark.isDisplayed()).isFalse();
    });
    assertThat(client.awaitExit(Duration.ofMinutes(3))).as("the client finished its replay").isZero();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Map<String, Long> served = new HashMap<>();
      top(site.resolve("/api/top?n=100")).get("tags")
          .forEach(t -> served.put(t.get("tag").asText().toLowerCase(Locale.ROOT), t.get("count").asLong()));
      assertThat(served).isEqualTo(truth.expectedCounts());
    });
    assertThat(pipeline.streamAlive()).as("the job is still the one started first").isTrue();
    assertThat(Files.readString(pipeline.stream().logFile())).as("the job said it retried, and that HBase was back")
        .contains("unreachable (attempt 1").contains("answered again");

    // Pools that grew to catch up (HBase's connection pool, Spark's) shrink after a minute idle; a leak does not.
    Thread.sleep(65_000);
    Footprint streamAfter = Footprint.of(pipeline.stream());
    Footprint webAfter = Footprint.of(web);
    System.out.printf("HBaseOutageIT: stream %s before, at most %s during, %s after; web %s, %s, %s%n",
        streamBefore, streamDuring, streamAfter, webBefore, webDuring, webAfter);
    for (var p : List.of(List.of(streamBefore, streamDuring, streamAfter), List.of(webBefore, webDuring, webAfter))) {
      for (Footprint later : p.subList(1, 3)) {
        assertThat(later.steadyThreads()).as("threads outside Spark's elastic pools; more of these: %s", later.grownFrom(p.get(0)))
            .isLessThanOrEqualTo(p.get(0).steadyThreads() + THREAD_SLACK);
        assertThat(later.fds()).as("file descriptors").isLessThanOrEqualTo(p.get(0).fds() + FD_SLACK);
      }
    }
  }

  private JsonNode top(URI site) throws IOException, InterruptedException {
    HttpResponse<String> response = get(site.getPath().startsWith("/api") ? site : site.resolve("/api/top"));
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A process's threads (by name, as /proc gives them: 15 chars) and open file descriptors (sockets included,
   * RocksDB's SST files not).
   */
  private record Footprint(Map<String, Integer> threadNames, int fds) {

    static Footprint of(StageProcess process) throws IOException {
      Path proc = Path.of("/proc", Long.toString(process.pid()));
      Map<String, Integer> names = new java.util.TreeMap<>();
      try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
        for (Path task : tasks.toList()) {
          try {
            names.merge(Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#"), 1, Integer::sum);
          } catch (IOException ended) {
            // The thread ended while we looked.
          }
        }
      }
      try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
        // RocksDB keeps each SST file of the job's state open, and makes more as the state grows (on a demo's
        // job: none a minute in, 14 ninety seconds later): their number follows the data, not the outage.
        return new Footprint(names, (int) fds.filter(fd -> !isStateFile(fd)).count());
      }
    }

    private static boolean isStateFile(Path fd) {
      try {
        return Files.readSymbolicLink(fd).toString().endsWith(".sst");
      } catch (IOException closed) {
        return false; // closed while we looked: counted, as the listing saw it
      }
    }

    int threads() {
      return threadNames.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Threads outside Spark's elastic pools. */
    int steadyThreads() {
      return threadNames.entrySet().stream().filter(e -> !ELASTIC_POOLS.contains(e.getKey()))
          .mapToInt(Map.Entry::getValue).sum();
    }

    Footprint max(Footprint other) {
      return threads() >= other.threads() ? new Footprint(threadNames, Math.max(fds, other.fds))
          : new Footprint(other.threadNames, Math.max(fds, other.fds));
    }

    /** Thread names whose number grew from {@code before}, with how many more. */
    Map<String, Integer> grownFrom(Footprint before) {
      Map<String, Integer> grown = new java.util.TreeMap<>();
      threadNames.forEach((name, n) -> {
        int more = n - before.threadNames.getOrDefault(name, 0);
        if (more > 0) {
          grown.put(name, more);
        }
      });
      return grown;
    }

    @Override
    public String toString() {
      return threads() + " threads (" + steadyThreads() + " outside Spark's elastic pools)/" + fds + " fds";
    }
  }
}
