package io.trendtags.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.launcher.process.FreePorts;
import io.trendtags.testsupport.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job's change notices on a real broker: each after its write, and none that could stop a batch. */
class NoticingTopTagsStoreIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  private static final TopTags LIST = new TopTags(Instant.parse("2026-12-03T10:00:00Z"), List.of(new TagCount("Java", 3)), 0);

  @Test
  void names_each_written_list_on_the_topic_after_its_write_and_nothing_for_a_write_that_failed() {
    String topic = "notices-" + System.nanoTime();
    KAFKA.createTopic(topic, 1);
    MemoryTopTagsStore memory = new MemoryTopTagsStore();
    Ranking hourOfMastodon = new Ranking(View.LAST_HOUR, Source.of(Network.MASTODON));
    try (NoticingTopTagsStore store = NoticingTopTagsStore.to(memory, KAFKA.bootstrapServers(), topic)) {
      store.write(Ranking.of(View.ALL), LIST, "q");
      store.write(hourOfMastodon, LIST, "q");
      NoticingTopTagsStore failing = NoticingTopTagsStore.to(new FailingStore(), KAFKA.bootstrapServers(), topic);
      assertThatThrownBy(() -> failing.write(Ranking.of(View.LAST_15_MINUTES), LIST, "q")).hasMessageContaining("HBase");
      failing.close();
      store.write(Ranking.of(View.ALL), LIST, "q");

      assertThat(memory.readWrittenBy(hourOfMastodon, "q")).contains(LIST);
      await().atMost(Duration.ofSeconds(10)).until(() -> store.sent() == 3);
      assertThat(read(topic, 3)).containsExactly("top", "top:1h@mastodon", "top");
      assertThat(store.failed()).isZero();
    }
  }

  @Test
  void a_kafka_that_is_not_there_neither_fails_nor_holds_up_the_write() {
    MemoryTopTagsStore memory = new MemoryTopTagsStore();
    try (NoticingTopTagsStore store = NoticingTopTagsStore.to(memory, "127.0.0.1:" + FreePorts.next(), "notices")) {
      long start = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        store.write(Ranking.of(View.ALL), LIST, "q");
      }
      // Each send may wait for the topic's metadata, at most MAX_BLOCK_MS: never a batch's worth.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(memory.readWrittenBy(Ranking.of(View.ALL), "q")).contains(LIST);
      await().atMost(Duration.ofSeconds(10)).until(() -> store.failed() == 5);
      assertThat(store.sent()).isZero();
    }
  }

  private static List<String> read(String topic, int count) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      return values;
    }
  }

  /** HBase refusing the write. */
  private static final class FailingStore implements TopTagsStore {
    @Override
    public Optional<TopTags> readWrittenBy(Ranking ranking, String queryId) {
      return Optional.empty();
    }

    @Override
    public void write(Ranking ranking, TopTags top, String queryId) {
      throw new IllegalStateException("HBase refused the write");
    }

    @Override
    public void writeBuckets(List<io.trendtags.store.MinuteBucket> buckets) {}

    @Override
    public List<io.trendtags.store.MinuteBucket> bucketsSince(long fromMinute) {
      return List.of();
    }
  }
}
