package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.launcher.cluster.LoopbackCluster;
import io.trendtags.launcher.process.FreePorts;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.testsupport.HBaseServer;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on clusters, all on 127.0.0.1 and started through {@code ./trendtags} as a user would: a Spark
 * standalone master with two workers, a three-node Kafka cluster, HBase. The job is first submitted as the
 * README says ({@code spark-submit} with the job jar alone), its tasks must run on executors of both workers,
 * its topic must have three replicas and {@code min.insync.replicas=2}, and every view must equal the truth.
 * Then its driver is killed ({@code kill -9}) and the job started again on the same checkpoint with
 * {@code ./trendtags stream --master spark://...}, one Kafka node is killed, and every view must still equal
 * the truth.
 */
class ClusterIT {

  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final String TOPIC = "cluster-it";
  private static final Duration SETTLE = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TruthTimeline truth = new TruthTimeline(20261204L, 1_892_000_000_000_000_000L);
  private final List<StageProcess> started = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private StreamPipeline pipeline;

  @AfterEach
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    started.forEach(process -> process.stop(Duration.ofSeconds(30)));
  }

  @Test
  void theSubmittedJobRunsOnBothWorkersAndItsViewsStayExactAfterItsDriverAndAKafkaNodeDie(@TempDir Path dir) throws Exception {
    LoopbackCluster cluster = new LoopbackCluster(LoopbackCluster.Ports.free(2), dir, this::start)
        .start(Duration.ofMinutes(3));
    int sparkUi = FreePorts.next();
    pipeline = StreamPipeline.start(cluster.kafkaBootstrap(), HBASE.zkQuorum(), TOPIC,
        List.of("spark-submit", "--class", "io.trendtags.stream.StreamCommand", "--master", cluster.masterUrl(), jobJar().toString()),
        List.of("--master", cluster.masterUrl(), "--ui-port", Integer.toString(sparkUi)));

    assertTopicHasThreeReplicasAndTwoInSync(cluster.kafkaBootstrap());
    send(1_500);
    await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> truth.assertViewsEqualTruth(pipeline.table()));
    assertTasksRanOnExecutorsOfEveryWorker(sparkUi, cluster.workerUis());

    pipeline.killStream();
    pipeline.launchWith(StreamPipeline.STREAM);
    pipeline.startStream();
    cluster.brokers().get(1).kill();
    send(1_500);
    await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> truth.assertViewsEqualTruth(pipeline.table()));
    assertThat(pipeline.streamAlive()).as("the job rode out the dead Kafka node").isTrue();
  }

  /** The jar the build made for spark-submit: what a user submits, with nothing of the module's classpath. */
  private static Path jobJar() throws IOException {
    try (Stream<Path> files = Files.list(StageProcess.trendtagsHome().resolve("stream/target"))) {
      return files.filter(p -> p.getFileName().toString().matches("trendtags-stream-.*-job\\.jar")).findFirst().orElseThrow();
    }
  }

  private StageProcess start(String stage, String... args) {
    StageProcess process = Stages.start(stage, args);
    started.add(process);
    return process;
  }

  /** Sends {@code tweets} tweets (and a poison record every 250) through the pipeline's acks=all producer. */
  private void send(int tweets) {
    for (int i = 0; i < tweets; i++) {
      pipeline.send(null, truth.tweet().getBytes(StandardCharsets.UTF_8));
      if (i % 250 == 0) {
        pipeline.send(null, truth.poison());
      }
    }
    pipeline.flush();
  }

  private static void assertTopicHasThreeReplicasAndTwoInSync(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
      assertThat(topic.partitions()).isNotEmpty().allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
      Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
    }
  }

  /**
   * Each worker's own page lists the executors it runs for the job; the job's REST API says how many tasks
   * each executor ran. Every worker must have one that ran tasks.
   */
  private void assertTasksRanOnExecutorsOfEveryWorker(int sparkUi, List<String> workerUis) throws Exception {
    String api = "http://127.0.0.1:" + sparkUi + "/api/v1/applications";
    String appId = get(api).get(0).path("id").asText();
    Map<String, Long> tasksByExecutor = new HashMap<>();
    for (JsonNode executor : get(api + "/" + appId + "/executors")) {
      tasksByExecutor.put(executor.path("id").asText(), executor.path("totalTasks").asLong());
    }
    for (String workerUi : workerUis) {
      List<Long> tasksHere = new ArrayList<>();
      for (JsonNode executor : get(workerUi + "/json/").path("executors")) {
        if (executor.path("appid").asText().equals(appId)) {
          tasksHere.add(tasksByExecutor.getOrDefault(executor.path("id").asText(), 0L));
        }
      }
      assertThat(tasksHere).as("tasks of the executors on worker %s (by executor: %s)", workerUi, tasksByExecutor)
          .isNotEmpty().allSatisfy(n -> assertThat(n).isPositive());
    }
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
