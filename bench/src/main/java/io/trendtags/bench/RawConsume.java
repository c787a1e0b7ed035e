package io.trendtags.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The raw consume rate of a topic: a plain KafkaConsumer reading every record, parsing nothing. */
final class RawConsume {

  private RawConsume() {}

  /** Reads all {@code count} records of {@code topic}; returns records per second. */
  static double rate(String bootstrap, String topic, int partitions, long count) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      long read = 0;
      long t0 = System.nanoTime();
      while (read < count) {
        var records = consumer.poll(Duration.ofSeconds(5));
        if (records.isEmpty() && System.nanoTime() - t0 > Duration.ofMinutes(5).toNanos()) {
          throw new IllegalStateException("read only " + read + " of " + count + " records of " + topic);
        }
        read += records.count();
      }
      return read / ((System.nanoTime() - t0) / 1e9);
    }
  }
}
