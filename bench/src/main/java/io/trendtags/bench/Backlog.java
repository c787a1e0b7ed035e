package io.trendtags.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A backlog of realistic tweets on a topic: the bundled timeline again and again, each pass with ids
 * shifted by 10^15 (as the replay client's {@code --loop} does), so every record is a new tweet.
 */
final class Backlog {

  private static final long PASS_OFFSET = 1_000_000_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tweet's JSON split around its id value, so a pass rewrites the id without parsing again. */
  private record Template(String before, long id, String after) {
    byte[] withId(long newId) {
      return (before + newId + after).getBytes(StandardCharsets.UTF_8);
    }
  }

  private final List<Template> tweets;

  private Backlog(List<Template> tweets) {
    this.tweets = tweets;
  }

  static Backlog of(Path timeline) throws IOException {
    List<Template> tweets = new ArrayList<>();
    for (String line : Files.readAllLines(timeline, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String id = JSON.readTree(line).path("id").asText();
      String quoted = "\"id\":\"" + id + "\"";
      int at = line.indexOf(quoted);
      if (id.isEmpty() || at < 0) {
        throw new IOException("timeline line without a string id: " + line);
      }
      int valueStart = at + "\"id\":\"".length();
      tweets.add(new Template(line.substring(0, valueStart), Long.parseLong(id), line.substring(valueStart + id.length())));
    }
    return new Backlog(tweets);
  }

  /** A producer for writing a backlog fast: idempotent, lz4, large batches. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Writes {@code count} tweets to {@code topic}; returns the number written. */
  long write(String bootstrap, String topic, long count) {
    try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
      for (long i = 0; i < count; i++) {
        Template tweet = tweets.get((int) (i % tweets.size()));
        long id = tweet.id() + (i / tweets.size()) * PASS_OFFSET;
        byte[] key = Long.toString(id).getBytes(StandardCharsets.US_ASCII);
        producer.send(new ProducerRecord<>(topic, key, tweet.withId(id)));
      }
      producer.flush();
    }
    return count;
  }
}
