package io.trendtags.client.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** An independent reader of a topic, as the job or kcat reads it. */
public final class TopicReader {

  private TopicReader() {}

  /** A consumer of every partition of {@code topic}, from its first record, in no group. */
  public static KafkaConsumer<String, byte[]> fromStart(String bootstrapServers, String topic, int partitions) {
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topic, p));
    }
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    return consumer;
  }
}
