package io.trendtags.client.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A {@link TopicLedger} on a Kafka topic, read with a consumer that joins no group and commits nothing. */
public final class KafkaTopicLedger implements TopicLedger {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;

  public KafkaTopicLedger(String bootstrapServers, String topic) {
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "trendtags-client-ledger",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    try {
      Map<Integer, Long> ends = new HashMap<>();
      consumer.endOffsets(partitions(), TIMEOUT).forEach((tp, offset) -> ends.put(tp.partition(), offset));
      return ends;
    } catch (KafkaException e) {
      throw new SinkException("cannot read the end of topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> keysFrom(Map<Integer, Long> mark) {
    try {
      List<TopicPartition> partitions = partitions();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      consumer.assign(partitions);
      for (TopicPartition tp : partitions) {
        consumer.seek(tp, mark.getOrDefault(tp.partition(), 0L));
      }
      Set<String> keys = new HashSet<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new SinkException("could not read topic " + topic + " to its end within " + TIMEOUT.toSeconds() + " s", null);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null) {
            keys.add(record.key());
          }
        }
      }
      consumer.unsubscribe();
      return keys;
    } catch (KafkaException e) {
      throw new SinkException("cannot read topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private List<TopicPartition> partitions() {
    return consumer.partitionsFor(topic, TIMEOUT).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
