package io.trendtags.it;

import io.trendtags.launcher.process.StageProcess;
import io.trendtags.store.TopTagsTable;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.KafkaBroker;
import io.trendtags.testsupport.Stages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the end-to-end tests drive: a topic on the real broker with an idempotent producer into it, the
 * {@code ./trendtags stream} process over it with a checkpoint of its own (killed and restarted as a test
 * asks), and the HBase table it writes, read as the web app reads it.
 */
final class StreamPipeline implements AutoCloseable {

  /** {@code ./trendtags stream}: how the job starts unless a test says otherwise. */
  static final List<String> STREAM = List.of("stream");

  private final String bootstrap;
  private final String hbaseZk;
  private final String topic;
  private final Path checkpoint;
  private final KafkaProducer<String, byte[]> producer;
  private final TopTagsTable table;
  private final List<String> streamArgs;
  private List<String> launcher;
  private StageProcess stream;

  private StreamPipeline(String bootstrap, String hbaseZk, String topic, List<String> launcher, List<String> streamArgs)
      throws IOException, InterruptedException {
    this.launcher = List.copyOf(launcher);
    this.streamArgs = streamArgs;
    this.bootstrap = bootstrap;
    this.hbaseZk = hbaseZk;
    this.topic = topic;
    this.checkpoint = Files.createTempDirectory(topic + "-checkpoint");
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
    startStream();
    this.table = TopTagsTable.connect(hbaseZk);
  }

  /** Creates {@code topic} and starts the stream job over it. */
  static StreamPipeline start(KafkaBroker kafka, HBaseServer hbase, String topic) throws IOException, InterruptedException {
    kafka.createTopic(topic, 2);
    return new StreamPipeline(kafka.bootstrapServers(), hbase.zkQuorum(), topic, STREAM, List.of());
  }

  /**
   * Starts the stream job over {@code topic} (which it creates if missing) on the broker at {@code bootstrap},
   * writing to the HBase whose ZooKeeper is {@code hbaseZk}.
   */
  static StreamPipeline start(String bootstrap, String hbaseZk, String topic) throws IOException, InterruptedException {
    return new StreamPipeline(bootstrap, hbaseZk, topic, STREAM, List.of());
  }

  /**
   * As {@link #start(String, String, String)}, started by {@code launcher} (a stage and the arguments before the
   * job's own: {@code [spark-submit, --class, ..., JAR]}, or {@link #STREAM}) with more options for the job.
   */
  static StreamPipeline start(String bootstrap, String hbaseZk, String topic, List<String> launcher, List<String> streamArgs)
      throws IOException, InterruptedException {
    return new StreamPipeline(bootstrap, hbaseZk, topic, launcher, streamArgs);
  }

  /** Starts the stream job (again, after {@link #killStream()}) on the same checkpoint, and waits until it is ready. */
  void startStream() throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("--kafka", bootstrap, "--topic", topic, "--hbase-zk", hbaseZk,
        "--checkpoint", checkpoint.toString(), "--trigger", "500ms"));
    if (!streamArgs.contains("--ui-port")) {
      args.addAll(List.of("--ui-port", "-1"));
    }
    if (!streamArgs.contains("--metrics-port")) {
      args.addAll(List.of("--metrics-port", "0")); // tests run beside a developer's demo, which holds 9102
    }
    args.addAll(streamArgs);
    List<String> command = new ArrayList<>(launcher.subList(1, launcher.size()));
    command.addAll(args);
    // spark-submit runs the stream stage's main class, which says when it is ready.
    StageProcess process = Stages.builder(launcher.get(0)).readyAs("stream").args(command).start();
    process.awaitReady(Duration.ofMinutes(2));
    stream = process;
  }

  /** Starts the job from now on with {@code launcher}: a stage and the arguments before the job's own. */
  void launchWith(List<String> launcher) {
    this.launcher = List.copyOf(launcher);
  }

  /** {@code kill -9} of the stream job. */
  void killStream() {
    stream.kill();
  }

  boolean streamAlive() {
    return stream.isAlive();
  }

  /** The stream job's process, to read its log or look at it in /proc. */
  StageProcess stream() {
    return stream;
  }

  /** Hands a record to the producer (key may be null). */
  void send(String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  void flush() {
    producer.flush();
  }

  TopTagsTable table() {
    return table;
  }

  @Override
  public void close() {
    if (stream != null) {
      stream.stop(Duration.ofSeconds(30));
    }
    producer.close();
    table.close();
  }
}
