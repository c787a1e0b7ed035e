package io.trendtags.web.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.View;
import io.trendtags.store.ChangedRows;
import io.trendtags.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The web app's side of the change notices, on a real broker. */
class ChangedRowsListenerIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void hears_each_named_list_once_it_listens_even_when_the_topic_came_after_it_and_ignores_what_names_none() throws Exception {
    String topic = "changes-" + System.nanoTime();
    Ranking hourOfMastodon = new Ranking(View.LAST_HOUR, Source.of(Network.MASTODON));
    List<Ranking> heard = new CopyOnWriteArrayList<>();
    try (ChangedRowsListener listener = ChangedRowsListener.start(KAFKA.bootstrapServers(), topic, heard::add);
        KafkaProducer<String, String> job = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KAFKA.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
      Thread.sleep(1_000); // the listener has looked for the topic and not found it
      KAFKA.createTopic(topic, 2);
      // It reads from the end once it has the topic: name a list until it hears one.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
        job.send(new ProducerRecord<>(topic, ChangedRows.notice(hourOfMastodon))).get();
        return !heard.isEmpty();
      });

      job.send(new ProducerRecord<>(topic, "not a row")).get();
      job.send(new ProducerRecord<>(topic, null)).get();
      job.send(new ProducerRecord<>(topic, ChangedRows.notice(Ranking.of(View.ALL)))).get();

      await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains(Ranking.of(View.ALL)));
      assertThat(heard).allMatch(r -> r.equals(hourOfMastodon) || r.equals(Ranking.of(View.ALL)));
      assertThat(heard).filteredOn(Ranking.of(View.ALL)::equals).hasSize(1);
      assertThat(listener.heard()).isEqualTo(heard.size());
    }
  }
}
