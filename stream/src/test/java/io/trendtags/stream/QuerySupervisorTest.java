package io.trendtags.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trendtags.stream.HashtagStream.JobQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real streaming queries: the others start once the first has ended its first batch, or waited long enough;
 * one whose first run fails is started again from its checkpoint and goes on; a stop returns from
 * {@code run()} only once no query is left in a batch, and ends a pause before a restart at once.
 */
class QuerySupervisorTest {

  private static SparkSession spark;
  private static final AtomicInteger BATCHES = new AtomicInteger();
  private static final AtomicInteger FAILURES = new AtomicInteger();

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("QuerySupervisorTest");
  }

  /** A test that failed must not leave its queries to the next one. */
  @AfterEach
  void stopWhatIsLeft() throws Exception {
    for (StreamingQuery query : spark.streams().active()) {
      query.stop();
    }
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /** Fails its second batch once, as a sink meets an outage; counts the batches it completes. */
  private static final class FailsOnce implements VoidFunction2<Dataset<Row>, Long> {
    @Override
    public void call(Dataset<Row> batch, Long id) {
      if (id == 1 && FAILURES.getAndIncrement() == 0) {
        throw new IllegalStateException("the sink is away");
      }
      BATCHES.incrementAndGet();
    }
  }

  @Test
  void aQueryThatFailsIsStartedAgainFromItsCheckpointAndGoesOn() throws Exception {
    QuerySupervisor supervisor = new QuerySupervisor(spark, List.of(rates("rates", new FailsOnce())),
        Duration.ofSeconds(3), QuerySupervisor.FIRST_BATCH_WAIT);
    assertThat(supervisor.notRunning()).containsExactly(Map.entry("rates", "starting"));
    supervisor.startFirst();
    CompletableFuture<Void> running = runInBackground(supervisor);

    // The health check says so during the pause before the restart.
    await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.notRunning().getOrDefault("rates", "").startsWith("failed;"));
    // The failed batch 1 runs again in the new run (same checkpoint), then batches go on.
    await().atMost(Duration.ofSeconds(60)).until(() -> BATCHES.get() >= 5);
    assertThat(supervisor.notRunning()).isEmpty();
    assertThat(FAILURES.get()).isEqualTo(2); // batch 1 failed once, then was called again and passed
    assertThat(spark.streams().active()).hasSize(1);

    supervisor.stop();
    running.get();
    assertThat(spark.streams().active()).isEmpty();
  }

  private static final CountDownLatch IN_BATCH = new CountDownLatch(1);
  private static final AtomicBoolean RELEASED = new AtomicBoolean();

  /** Holds its second batch until released and swallows interrupts meanwhile, as HBase's client does. */
  private static final class HoldsABatch implements VoidFunction2<Dataset<Row>, Long> {
    @Override
    public void call(Dataset<Row> batch, Long id) {
      if (id < 1) {
        return;
      }
      IN_BATCH.countDown();
      while (!RELEASED.get()) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException swallowed) {
          // as an IOException that HBase made of the interrupt would be retried
        }
      }
    }
  }

  @Test
  void aStoppedRunReturnsOnlyOnceEveryQueryHasLeftItsBatch() throws Exception {
    JobQuery quick = rates("quick", (batch, id) -> { });
    JobQuery held = rates("held", new HoldsABatch());
    QuerySupervisor supervisor = new QuerySupervisor(spark, List.of(quick, held));
    supervisor.startFirst();
    CompletableFuture<Void> running = runInBackground(supervisor);
    assertThat(IN_BATCH.await(60, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(supervisor::stop);
    // The quick query stops at once, which wakes run(); the held one is still in its batch, so run() must wait.
    await().atMost(Duration.ofSeconds(30)).until(() -> spark.streams().active().length == 1);
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !running.isDone());

    RELEASED.set(true);
    running.get(60, TimeUnit.SECONDS);
    assertThat(spark.streams().active()).isEmpty();
    stopping.get(10, TimeUnit.SECONDS);
  }

  /** Holds its first batch until {@code release} opens. */
  private static VoidFunction2<Dataset<Row>, Long> holdsItsFirstBatch(CountDownLatch release) {
    return (batch, id) -> {
      if (id == 0) {
        release.await();
      }
    };
  }

  @Test
  void theOthersStartOnlyOnceTheFirstHasEndedItsFirstBatch() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    JobQuery first = rates("first", holdsItsFirstBatch(release));
    JobQuery second = rates("second", (batch, id) -> { });
    QuerySupervisor supervisor = new QuerySupervisor(spark, List.of(first, second));
    supervisor.startFirst();
    CompletableFuture<Void> running = runInBackground(supervisor);
    try {
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> activeNames().equals(List.of("first")));
      assertThat(supervisor.notRunning()).as("what the job's /health says meanwhile")
          .containsExactly(Map.entry("second", "starting once first has ended its first batch"));

      release.countDown();
      await().atMost(Duration.ofSeconds(30)).until(() -> activeNames().contains("second"));
      // Spark lists a query as active before the supervisor has put it among those it runs.
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(supervisor.notRunning()).isEmpty());
    } finally {
      release.countDown();
      supervisor.stop();
      running.get(60, TimeUnit.SECONDS);
    }
    assertThat(spark.streams().active()).isEmpty();
  }

  @Test
  void theOthersStartAfterTheWaitIfTheFirstBatchTakesLonger() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    JobQuery first = rates("slow-first", holdsItsFirstBatch(release));
    JobQuery second = rates("not-kept-waiting", (batch, id) -> { });
    QuerySupervisor supervisor = new QuerySupervisor(spark, List.of(first, second), QuerySupervisor.FIRST_PAUSE,
        Duration.ofSeconds(2));
    supervisor.startFirst();
    CompletableFuture<Void> running = runInBackground(supervisor);
    try {
      // The first batch is still held: only the wait's end can have started the second query.
      await().atMost(Duration.ofSeconds(30)).until(() -> activeNames().contains("not-kept-waiting"));
      assertThat(release.getCount()).isEqualTo(1);
    } finally {
      release.countDown();
      supervisor.stop();
      running.get(60, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<Void> runInBackground(QuerySupervisor supervisor) {
    return CompletableFuture.runAsync(() -> {
      try {
        supervisor.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private static List<String> activeNames() {
    return Arrays.stream(spark.streams().active()).map(StreamingQuery::name).sorted().toList();
  }

  @Test
  void aStopEndsThePauseBeforeARestartAtOnceWithoutAnInterrupt() throws Exception {
    AtomicInteger failures = new AtomicInteger();
    JobQuery failing = rates("failing", (batch, id) -> {
      failures.incrementAndGet();
      throw new IllegalStateException("the sink is away");
    });
    QuerySupervisor supervisor = new QuerySupervisor(spark, List.of(failing), Duration.ofMinutes(5),
        QuerySupervisor.FIRST_BATCH_WAIT);
    supervisor.startFirst();
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try {
        supervisor.run();
      } catch (InterruptedException e) {
        throw new IllegalStateException("run() was interrupted", e);
      }
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> failures.get() >= 1 && spark.streams().active().length == 0);
    // run() is in its pause of 5 minutes now; the stop hook no longer interrupts it, so the stop must end it.
    supervisor.stop();
    running.get(30, TimeUnit.SECONDS);
    assertThat(failures.get()).isEqualTo(1); // not started again after the stop
    assertThat(spark.streams().active()).isEmpty();
  }

  private static JobQuery rates(String name, VoidFunction2<Dataset<Row>, Long> sink) throws Exception {
    Path checkpoint = Files.createTempDirectory("supervisor-" + name);
    return new JobQuery(name, () -> spark.readStream().format("rate").option("rowsPerSecond", 10).load()
        .writeStream().queryName(name).option("checkpointLocation", checkpoint.toString())
        .trigger(Trigger.ProcessingTime(200)).foreachBatch(sink).start());
  }
}
