package io.trendtags.bench;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.View;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./trendtags bench --latency}: from a post written to Kafka to its count changed in a dashboard's
 * live stream, against a demo that is running, as a user would see it. Each probe is a Mastodon status
 * with the tag {@code #LatencyProbe}, written by a producer of its own ({@code acks=all}); an SSE client
 * holds {@code /api/stream?source=mastodon} open and notes when the tag's count goes up. The probe goes
 * through the same job, batch, HBase rows, change notice and web read as every post; its network only gives it a list
 * where it is never out of the top 10, whatever the timeline behind it. Probes go one at a time, each a
 * random 0-1 s after the last arrived, so they fall on every phase of the job's trigger.
 *
 * <p>Each probe's time is also split where the job's {@link ChangeNotices change notice} for the list was
 * sent: the job's part before it, the web app's after. The job's part is the floor of the whole path: what
 * the dashboard could show were the web app's part nothing.
 */
final class LatencyBench {

  static final String TAG = "LatencyProbe";
  static final Duration TARGET_P50 = Duration.ofMillis(1000);
  static final Duration TARGET_P95 = Duration.ofMillis(1500);
  private static final Duration GIVE_UP = Duration.ofSeconds(30);
  /** How long a probe seen on the stream waits for the bench's own consumer to have heard its notice. */
  private static final Duration NOTICE_WAIT = Duration.ofSeconds(2);

  private final String kafka;
  private final String topic;
  private final String changesTopic;
  private final URI web;
  private final View view;

  LatencyBench(String kafka, String topic, String changesTopic, URI web, View view) {
    this.kafka = kafka;
    this.topic = topic;
    this.changesTopic = changesTopic;
    this.web = web;
    this.view = view;
  }

  /** Each probe's seconds, end to end and split at its notice. */
  static final class Probes {
    final List<Double> total = new ArrayList<>();
    final List<Double> job = new ArrayList<>();
    final List<Double> webApp = new ArrayList<>();
    int missed;
    int unnoticed;

    /** A probe sent at {@code sent} and seen at {@code seen} (wall-clock millis), with the notices heard meanwhile. */
    void seen(long sent, long seen, List<Long> notices) {
      total.add((seen - sent) / 1e3);
      OptionalLong notice = ChangeNotices.last(sent, seen, notices);
      if (notice.isPresent()) {
        job.add((notice.getAsLong() - sent) / 1e3);
        webApp.add((seen - notice.getAsLong()) / 1e3);
      } else {
        unnoticed++;
      }
    }
  }

  int run(int probes) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Source source = Source.of(Network.MASTODON);
    URI stream = web.resolve("/api/stream?view=" + view.id() + "&source=" + source.id() + "&n=10");
    Probes seen = new Probes();
    try (DashboardStream dashboard = new DashboardStream(stream, http, TAG);
        ChangeNotices notices = ChangeNotices.start(kafka, changesTopic, new Ranking(view, source));
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      dashboard.first(Duration.ofSeconds(10));
      long recordsBefore = endOffsets(admin);
      long t0 = System.nanoTime();
      long run = Instant.now().toEpochMilli();
      System.out.printf("bench: %d probes through %s, watched on %s%n", probes, kafka, stream);
      for (int i = 1; i <= probes; i++) {
        String id = run + String.format("%04d", i);
        // A window's count also falls, as its oldest minute leaves it: each probe waits for one more than now.
        long count = dashboard.count();
        long sentAt = System.currentTimeMillis();
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "mastodon:" + id, status(id))).get();
        long at = dashboard.awaitCount(count + 1, GIVE_UP);
        if (at < 0) {
          seen.missed++;
          System.out.printf("bench: probe %d not seen within %d s%n", i, GIVE_UP.toSeconds());
        } else {
          long seenAt = sentAt + (at - sent) / 1_000_000; // on the wall clock, which stamps the notices
          seen.seen(sentAt, seenAt, notices.takeUntil(seenAt, NOTICE_WAIT));
        }
        Thread.sleep(ThreadLocalRandom.current().nextLong(1000));
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      long written = endOffsets(admin) - recordsBefore;
      return report(seen, written / wall);
    }
  }

  private int report(Probes seen, double background) {
    List<Double> total = sorted(seen.total);
    double p50 = percentile(total, 0.50);
    double p95 = percentile(total, 0.95);
    System.out.printf("bench: latency, post written to Kafka -> its count changed on the dashboard's stream (view %s),%n", view.id());
    System.out.printf("bench:   over %d probes (%d missed), while the topic took %,.0f records/s in all%n",
        total.size(), seen.missed, background);
    System.out.printf("bench:   min %.2f s, p50 %.2f s (target < %.1f s: %s), p95 %.2f s (target < %.1f s: %s), max %.2f s%n",
        total.isEmpty() ? Double.NaN : total.get(0), p50, TARGET_P50.toMillis() / 1e3, verdict(p50, TARGET_P50),
        p95, TARGET_P95.toMillis() / 1e3, verdict(p95, TARGET_P95),
        total.isEmpty() ? Double.NaN : total.get(total.size() - 1));
    List<Double> job = sorted(seen.job);
    List<Double> webApp = sorted(seen.webApp);
    System.out.printf("bench:   split at the job's change notice, over the %d probes whose notice the bench heard (%d without one: "
        + "the web app's poll found the list first):%n", job.size(), seen.unnoticed);
    System.out.printf("bench:     the job (the post read, its batch, the list written to HBase): p50 %.2f s, p95 %.2f s: "
        + "the floor of the whole path%n", percentile(job, 0.50), percentile(job, 0.95));
    System.out.printf("bench:     the web app (the notice heard, the list read, the push): p50 %.2f s, p95 %.2f s%n",
        percentile(webApp, 0.50), percentile(webApp, 0.95));
    return seen.missed == 0 && !total.isEmpty() ? 0 : 1;
  }

  private static List<Double> sorted(List<Double> values) {
    List<Double> copy = new ArrayList<>(values);
    copy.sort(Double::compare);
    return copy;
  }

  private static String verdict(double value, Duration target) {
    return Verdict.of(value < target.toMillis() / 1e3);
  }

  /** The nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private long endOffsets(Admin admin) throws Exception {
    var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
  }

  /** A Mastodon status, as the Mastodon client writes it, tagged with the probe's tag. */
  private static String status(String id) {
    String now = Instant.now().toString();
    return "{\"id\":\"" + id + "\",\"created_at\":\"" + now + "\",\"account\":{\"id\":\"latency-bench\"},"
        + "\"content\":\"<p>#" + TAG + "</p>\",\"tags\":[{\"name\":\"" + TAG.toLowerCase(Locale.ROOT) + "\"}]}";
  }
}
