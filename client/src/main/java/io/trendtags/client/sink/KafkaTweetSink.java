package io.trendtags.client.sink;

import io.trendtags.client.ops.ClientMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tweets into a Kafka topic: key = tweet id, value = the tweet's JSON. Idempotent, {@code acks=all} and
 * lz4: a retried send is never written twice, and nothing is acknowledged that the broker could lose.
 */
public final class KafkaTweetSink implements TweetSink {

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final ClientMetrics metrics;

  /** A sink writing to {@code topic} on {@code bootstrapServers} ("127.0.0.1:9092"). */
  public KafkaTweetSink(String bootstrapServers, String topic) {
    this(bootstrapServers, topic, ClientMetrics.unserved());
  }

  /** As {@link #KafkaTweetSink(String, String)}, counting what Kafka takes and refuses in {@code metrics}. */
  public KafkaTweetSink(String bootstrapServers, String topic, ClientMetrics metrics) {
    this.topic = topic;
    this.metrics = metrics;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "trendtags-client",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        // A few ms of batching costs nothing at 50 tweets/s and lets --rate 0 fill batches.
        ProducerConfig.LINGER_MS_CONFIG, 5),
        new StringSerializer(), new ByteArraySerializer());
    metrics.watch(producer);
  }

  @Override
  public void send(String id, byte[] json) {
    Exception failed = failure.get();
    if (failed != null) {
      throw new SinkException("Kafka did not take a tweet on topic " + topic + ": " + failed.getMessage(), failed);
    }
    try {
      producer.send(new ProducerRecord<>(topic, id, json), (metadata, e) -> {
        if (e != null) {
          metrics.sendFailed(e);
          failure.compareAndSet(null, e);
        } else {
          metrics.sent();
        }
      });
    } catch (InterruptException e) {
      // A stop interrupted a send that waited for metadata or buffer space: the record was not appended.
      throw new SendInterruptedException(e);
    }
  }

  @Override
  public void flush() {
    producer.flush();
    Exception failed = failure.get();
    if (failed != null) {
      throw new SinkException("Kafka did not take a tweet on topic " + topic + ": " + failed.getMessage(), failed);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
