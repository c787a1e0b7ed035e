package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.KafkaBroker;
import io.trendtags.testsupport.Stages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each stage's metrics port (client, stream job, web app), scraped as Prometheus would while known tweets
 * flow: the named series move with the input (tweets the client sent, rows read per query equal to the
 * records sent, rejected records equal to the bad ones, the Kafka lag down to 0, requests counted by
 * route), and {@code /health} answers 200 up on each.
 */
class MetricsIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final String TOPIC = "metrics-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TruthTimeline truth = new TruthTimeline(20261206L, 1_885_000_000_000_000_000L);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Integer> ports = FreePorts.take(3);
  private StageProcess stream;
  private StageProcess web;
  private StageProcess client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.stop(Duration.ofSeconds(20));
    }
    if (web != null) {
      web.stop(Duration.ofSeconds(20));
    }
    if (stream != null) {
      stream.stop(Duration.ofSeconds(30));
    }
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  /** The sum of a series' samples whose line starts with {@code prefix} (a name and, if wanted, labels). */
  private static double sum(String scrape, String prefix) {
    return scrape.lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private final Map<String, String> scrapes = new ConcurrentHashMap<>();

  @Test
  void eachStagesSeriesMoveWithTheTweetsAndEachIsHealthy(@TempDir Path checkpoint, @TempDir Path dir) throws Exception {
    KAFKA.createTopic(TOPIC, 2);
    stream = Stages.start("stream", "--kafka", KAFKA.bootstrapServers(), "--topic", TOPIC, "--hbase-zk", HBASE.zkQuorum(),
        "--checkpoint", checkpoint.toString(), "--trigger", "500ms", "--ui-port", "-1", "--metrics-port", ports.get(0).toString());
    String streamMetrics = stream.awaitReady(Duration.ofMinutes(2)).get("metrics");
    assertThat(streamMetrics).isEqualTo("http://127.0.0.1:" + ports.get(0) + "/metrics");
    web = Stages.start("web", "--port", "0", "--hbase-zk", HBASE.zkQuorum(), "--metrics-port", ports.get(1).toString());
    Map<String, String> webReady = web.awaitReady(Duration.ofMinutes(1));

    int tweets = 300;
    int bad = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < tweets; i++) {
        producer.send(new ProducerRecord<>(TOPIC, truth.tweet().getBytes(StandardCharsets.UTF_8)));
        if (i % 30 == 0) {
          producer.send(new ProducerRecord<>(TOPIC, truth.poison()));
          bad++;
        }
      }
    }
    // And 100 more through the client, slowly enough to scrape it while it sends.
    int replayed = 100;
    client = Stages.start("client", "--replay", truth.writeTimeline(dir.resolve("timeline.jsonl"), replayed).toString(),
        "--rate", "10", "--kafka", KAFKA.bootstrapServers(), "--topic", TOPIC, "--metrics-port", ports.get(2).toString());
    String clientMetrics = client.awaitReady(Duration.ofMinutes(1)).get("metrics");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      String scrape = get(clientMetrics);
      scrapes.put("client", scrape);
      assertThat(sum(scrape, "trendtags_client_tweets_sent_total{")).isBetween(5.0, (double) replayed);
      assertThat(sum(scrape, "trendtags_client_send_errors_total{")).isZero();
      assertThat(scrape).contains("kafka_producer_");
    });
    assertThat(JSON.readTree(get(clientMetrics.replace("/metrics", "/health"))).get("status").asText()).isEqualTo("up");
    assertThat(client.awaitExit(Duration.ofSeconds(30))).as("the replay ends by itself").isZero();
    int records = tweets + bad + replayed;

    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      String scrape = get(streamMetrics);
      scrapes.put("stream", scrape);
      assertThat(sum(scrape, "trendtags_stream_input_rows_total{query=\"all-time\"")).isEqualTo(records);
      assertThat(sum(scrape, "trendtags_stream_input_rows_total{query=\"windows\"")).isEqualTo(records);
      assertThat(sum(scrape, "trendtags_stream_rejected_records{")).isEqualTo(truth.expectedRejected());
      assertThat(scrape).contains("trendtags_stream_kafka_lag{partition=\"0\"", "trendtags_stream_kafka_lag{partition=\"1\"");
      assertThat(sum(scrape, "trendtags_stream_kafka_lag{")).isZero();
      assertThat(sum(scrape, "trendtags_stream_hbase_write_seconds_count{")).isPositive();
      assertThat(scrape).contains("jvm_threads_live_threads{stage=\"stream\"");
    });
    JsonNode streamHealth = JSON.readTree(get(streamMetrics.replace("/metrics", "/health")));
    assertThat(streamHealth.get("status").asText()).isEqualTo("up");
    assertThat(streamHealth.get("checks").has("hbase")).isTrue();

    String site = webReady.get("url");
    get(site + "api/top?n=5");
    String webMetrics = webReady.get("metrics");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String scrape = get(webMetrics);
      scrapes.put("web", scrape);
      assertThat(sum(scrape, "trendtags_web_requests_total{route=\"/api/top\"")).isGreaterThanOrEqualTo(1);
      assertThat(sum(scrape, "trendtags_web_hbase_read_seconds_count{")).isPositive();
      assertThat(scrape).contains("trendtags_web_snapshot_age_seconds{stage=\"web\",view=\"all\"}");
    });
    assertThat(JSON.readTree(get(webMetrics.replace("/metrics", "/health"))).get("status").asText()).isEqualTo("up");
    assertEverySeriesOfTheGrafanaDashboardIsServed();
  }

  /** The operators' dashboard (docs/grafana) draws only series that the stages really serve. */
  private void assertEverySeriesOfTheGrafanaDashboardIsServed() throws IOException {
    Set<String> served = new HashSet<>();
    scrapes.values().forEach(scrape -> scrape.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
        .forEach(line -> served.add(line.split("[{ ]", 2)[0])));
    String dashboard = Files.readString(StageProcess.trendtagsHome().resolve("docs/grafana/trendtags-dashboard.json"));
    Matcher series = Pattern.compile("\\b(?:trendtags|jvm)_[a-z_]+").matcher(dashboard);
    List<String> drawn = new ArrayList<>();
    while (series.find()) {
      drawn.add(series.group());
    }
    assertThat(drawn).hasSizeGreaterThan(10);
    assertThat(served).as("series the three stages serve").containsAll(drawn);
  }
}
