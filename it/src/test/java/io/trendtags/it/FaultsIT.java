package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults injected into the real processes while tweets flow, with the ground truth kept by the test
 * ({@link TruthTimeline}): after each fault, and after the restarts it calls for, every view equals it.
 *
 * <p>The job killed at random: {@code kill -9} of {@code ./trendtags stream} at five moments drawn from a
 * seeded random, one of them just after the all-time row was seen changing (the windows query writes its
 * history and four views around then, so that kill most likely lands inside a batch's writes; nothing here
 * checks that it did), each followed by a restart on the same checkpoint while the producer keeps sending.
 */
class FaultsIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final Duration SETTLE = Duration.ofMinutes(3);

  private static final TruthTimeline TRUTH = new TruthTimeline(20261202L, 1_872_000_000_000_000_000L);
  private static StreamPipeline pipeline;

  @BeforeAll
  static void startPipeline() throws Exception {
    pipeline = StreamPipeline.start(KAFKA, HBASE, "faults-it-tweets");
  }

  @AfterAll
  static void stopPipeline() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void everyCountedViewEqualsTheTruthAfterTheJobIsKilledAtFiveRandomMomentsAndRestarted() throws Exception {
    Random moments = new Random(20261202L);
    CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
      // About 50 tweets a second for two minutes: the kills and restarts all land while tweets flow.
      for (int i = 0; i < 6000; i++) {
        pipeline.send(null, TRUTH.tweet().getBytes(StandardCharsets.UTF_8));
        if (i % 10 == 0) {
          pipeline.flush();
          pause(200);
        }
        if (i % 250 == 0) {
          pipeline.send(null, TRUTH.poison());
        }
      }
      pipeline.flush();
    });

    List<String> kills = new ArrayList<>();
    for (int kill = 0; kill < 5; kill++) {
      if (kill == 2) {
        Instant seen = lastWrite();
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(20)).until(() -> !lastWrite().equals(seen));
        kills.add("just after the all-time row changed");
      } else {
        long wait = 1_000 + moments.nextInt(5_000);
        pause(wait);
        kills.add("after " + wait + " ms");
      }
      pipeline.killStream();
      assertThat(pipeline.streamAlive()).as("kill %d (%s)", kill + 1, kills.get(kill)).isFalse();
      pipeline.startStream();
    }
    writing.join();

    awaitEveryViewEqualsTruth();
  }

  private static Instant lastWrite() {
    return pipeline.table().read(View.ALL).map(TopTags::updatedAt).orElse(Instant.EPOCH);
  }

  private static void awaitEveryViewEqualsTruth() {
    await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> TRUTH.assertViewsEqualTruth(pipeline.table()));
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // paces the producer and spaces the kills; never a wait for a result
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
