package io.trendtags.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.View;
import io.trendtags.store.ChangedRows;
import io.trendtags.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The latency bench's ear on the job's change notices, against a real broker. */
class ChangeNoticesIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  private static final Ranking PROBED = new Ranking(View.ALL, Source.of(Network.MASTODON));

  @Test
  void hearsWhenTheJobSentEachNoticeForItsListOnly() throws Exception {
    KAFKA.createTopic("changes-1", 2);
    try (KafkaProducer<String, String> job = producer()) {
      send(job, "changes-1", 0, ChangedRows.notice(PROBED), 1_000L); // before the bench listened: not heard
      try (ChangeNotices notices = ChangeNotices.start(KAFKA.bootstrapServers(), "changes-1", PROBED)) {
        long now = System.currentTimeMillis();
        send(job, "changes-1", 1, ChangedRows.notice(PROBED), now - 300);
        send(job, "changes-1", 0, ChangedRows.notice(Ranking.of(View.ALL)), now - 200); // another list
        send(job, "changes-1", 0, ChangedRows.notice(PROBED), now - 100);
        send(job, "changes-1", 1, ChangedRows.notice(PROBED), now + 60_000); // after the moment asked about
        // As the bench does, ask about a moment after the notices were sent: their stamps are earlier.
        long sent = System.currentTimeMillis();

        assertThat(notices.takeUntil(sent, Duration.ofSeconds(10))).containsExactlyInAnyOrder(now - 300, now - 100);
        assertThat(notices.takeUntil(sent, Duration.ofSeconds(10))).as("taken once").isEmpty();
        assertThat(notices.takeUntil(now + 60_000, Duration.ofSeconds(10))).containsExactly(now + 60_000);
      }
    }
  }

  @Test
  void aMissingTopicIsAClearError() {
    assertThatThrownBy(() -> ChangeNotices.start(KAFKA.bootstrapServers(), "no-such-changes", PROBED))
        .hasMessageContaining("no topic no-such-changes")
        .hasMessageContaining("is the demo running");
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  /** A notice as the job sends one, stamped {@code at}. */
  private static void send(KafkaProducer<String, String> job, String topic, int partition, String notice, long at)
      throws Exception {
    job.send(new ProducerRecord<>(topic, partition, at, null, notice)).get();
  }
}
