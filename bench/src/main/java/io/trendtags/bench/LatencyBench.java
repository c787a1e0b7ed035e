package io.trendtags.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.View;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 */
final class LatencyBench {

  static final String TAG = "LatencyProbe";
  static final Duration TARGET_P50 = Duration.ofMillis(1000);
  static final Duration TARGET_P95 = Duration.ofMillis(1500);
  private static final Duration GIVE_UP = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String kafka;
  private final String topic;
  private final URI web;
  private final View view;

  LatencyBench(String kafka, String topic, URI web, View view) {
    this.kafka = kafka;
    this.topic = topic;
    this.web = web;
    this.view = view;
  }

  /** A dashboard's stream: each probe count it saw, and when. */
  private static final class Watcher implements AutoCloseable {
    private final Thread reader;
    private volatile Stream<String> lines;
    private long count = -1;
    private long seenAt;
    private IOException failure;

    Watcher(URI stream, HttpClient http) {
      HttpRequest request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build();
      reader = new Thread(() -> {
        try {
          HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
          if (response.statusCode() != 200) {
            throw new IOException(stream + " answered " + response.statusCode());
          }
          lines = response.body();
          lines.filter(line -> line.startsWith("data:")).forEach(line -> seen(probeCount(line.substring(5))));
        } catch (UncheckedIOException e) {
          fail(e.getCause()); // the stream broke, or close() closed it
        } catch (IOException e) {
          fail(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          // An event that is not the API's JSON: say so, rather than let every later probe time out unexplained.
          fail(new IOException(e.getMessage(), e));
        }
      }, "sse-watcher");
      reader.setDaemon(true);
      reader.start();
    }

    private synchronized void fail(IOException e) {
      failure = e;
      notifyAll();
    }

    private synchronized void seen(long probes) {
      if (probes != count) {
        count = probes;
        seenAt = System.nanoTime();
        notifyAll();
      }
    }

    /** Waits for the first event; the probe count it showed. */
    synchronized long first(Duration timeout) throws IOException, InterruptedException {
      long until = System.nanoTime() + timeout.toNanos();
      while (count < 0 && failure == null && System.nanoTime() < until) {
        TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
      }
      if (failure != null) {
        throw failure;
      }
      if (count < 0) {
        throw new IOException("no event on the dashboard's stream within " + timeout.toSeconds() + " s");
      }
      return count;
    }

    /** The count last seen. */
    synchronized long count() {
      return count;
    }

    /**
     * Waits until the count reaches {@code at}; when it was seen, or -1 after {@code timeout}. Throws what
     * ended the stream, if it ended.
     */
    synchronized long awaitCount(long at, Duration timeout) throws IOException, InterruptedException {
      long until = System.nanoTime() + timeout.toNanos();
      while (count < at && failure == null && System.nanoTime() < until) {
        TimeUnit.NANOSECONDS.timedWait(this, until - System.nanoTime());
      }
      if (count < at && failure != null) {
        throw new IOException("the dashboard's stream ended: " + failure.getMessage(), failure);
      }
      return count >= at ? seenAt : -1;
    }

    @Override
    public void close() {
      reader.interrupt();
      Stream<String> open = lines;
      if (open != null) {
        open.close();
      }
    }
  }

  private static long probeCount(String data) {
    try {
      for (JsonNode tag : JSON.readTree(data).path("tags")) {
        if (TAG.equalsIgnoreCase(tag.path("tag").asText())) {
          return tag.path("count").asLong();
        }
      }
      return 0;
    } catch (IOException e) {
      throw new IllegalStateException("the stream sent an event that is not JSON: " + e.getMessage(), e);
    }
  }

  int run(int probes) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI stream = web.resolve("/api/stream?view=" + view.id() + "&source=mastodon&n=10");
    List<Double> seconds = new ArrayList<>();
    int missed = 0;
    try (Watcher watcher = new Watcher(stream, http);
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new StringSerializer());
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
      watcher.first(Duration.ofSeconds(10));
      long recordsBefore = endOffsets(admin);
      long t0 = System.nanoTime();
      long run = Instant.now().toEpochMilli();
      System.out.printf("bench: %d probes through %s, watched on %s%n", probes, kafka, stream);
      for (int i = 1; i <= probes; i++) {
        String id = run + String.format("%04d", i);
        // A window's count also falls, as its oldest minute leaves it: each probe waits for one more than now.
        long count = watcher.count();
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, "mastodon:" + id, status(id))).get();
        long seen = watcher.awaitCount(count + 1, GIVE_UP);
        if (seen < 0) {
          missed++;
          System.out.printf("bench: probe %d not seen within %d s%n", i, GIVE_UP.toSeconds());
        } else {
          seconds.add((seen - sent) / 1e9);
        }
        Thread.sleep(ThreadLocalRandom.current().nextLong(1000));
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      long written = endOffsets(admin) - recordsBefore;
      return report(seconds, missed, written / wall);
    }
  }

  private int report(List<Double> seconds, int missed, double background) {
    seconds.sort(Double::compare);
    double p50 = percentile(seconds, 0.50);
    double p95 = percentile(seconds, 0.95);
    System.out.printf("bench: latency, post written to Kafka -> its count changed on the dashboard's stream (view %s),%n", view.id());
    System.out.printf("bench:   over %d probes (%d missed), while the topic took %,.0f records/s in all%n",
        seconds.size(), missed, background);
    System.out.printf("bench:   min %.2f s, p50 %.2f s (target < %.1f s: %s), p95 %.2f s (target < %.1f s: %s), max %.2f s%n",
        seconds.isEmpty() ? Double.NaN : seconds.get(0), p50, TARGET_P50.toMillis() / 1e3, verdict(p50, TARGET_P50),
        p95, TARGET_P95.toMillis() / 1e3, verdict(p95, TARGET_P95),
        seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() - 1));
    return missed == 0 && !seconds.isEmpty() ? 0 : 1;
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
