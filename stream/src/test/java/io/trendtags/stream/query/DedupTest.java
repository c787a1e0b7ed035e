package io.trendtags.stream.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.stream.LocalSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which dedup an all-time checkpoint runs: the one it was made with, so a checkpoint of the old one goes on. */
class DedupTest {

  private static final Duration HORIZON = Duration.ofHours(48);

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("DedupTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void shouldGiveANewCheckpointTheTimers() throws Exception {
    Path empty = Files.createTempDirectory("all-time-new");

    assertThat(Dedup.of(spark, empty.resolve("all-time").toString())).isEqualTo(Dedup.TIMERS);
    assertThat(Dedup.of(spark, empty.toString())).isEqualTo(Dedup.TIMERS);
  }

  @Test
  void shouldGiveTheTimersToACheckpointKilledInItsFirstBatch() throws Exception {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    run.batch(List.of(tweet("1", "#spark", 0)), kafka -> AllTimeCounts.build(TagUses.of(kafka), HORIZON, Dedup.TIMERS));
    // What a kill -9 in the first batch leaves: its offsets and state files, no commit, and transformWithState's
    // metadata folder without the metadata.
    deleteAll(run.checkpoint.resolve("commits"));
    Files.createDirectories(run.checkpoint.resolve("commits"));
    try (Stream<Path> metadata = Files.walk(run.checkpoint.resolve("state"))) {
      for (Path dir : metadata.filter(p -> p.toString().endsWith("_metadata/v2")).toList()) {
        deleteAll(dir);
        Files.createDirectories(dir);
      }
    }

    assertThat(Dedup.of(spark, run.checkpoint.toString())).isEqualTo(Dedup.TIMERS);
  }

  private static void deleteAll(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Dedup.class)
  void shouldTellTheDedupACheckpointWasMadeWith(Dedup made) {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    run.batch(List.of(tweet("1", "#spark", 0)), kafka -> AllTimeCounts.build(TagUses.of(kafka), HORIZON, made));

    assertThat(Dedup.of(spark, run.checkpoint.toString())).isEqualTo(made);
  }

  @ParameterizedTest
  @EnumSource(value = Dedup.class, names = {"WITHIN_WATERMARK", "PAIR_TIMERS"})
  void shouldGoOnWithAnOldDedupsStateOnACheckpointItMade(Dedup old) {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    run.batch(List.of(tweet("1", "#spark", 0)), kafka -> AllTimeCounts.build(TagUses.of(kafka), HORIZON, old));

    // The job's restart: the dedup comes from the checkpoint. A redelivery of tweet 1 is dropped by the old state.
    Dedup chosen = Dedup.of(spark, run.checkpoint.toString());
    List<Row> changed = run.batch(List.of(tweet("1", "#spark", 1), tweet("2", "#spark", 2)),
        kafka -> AllTimeCounts.build(TagUses.of(kafka), HORIZON, chosen));

    assertThat(changed).filteredOn(r -> "spark".equals(r.getAs(AllTimeCounts.KEY)))
        .extracting(r -> r.<Long>getAs(AllTimeCounts.COUNT)).containsExactly(2L);
  }

  private static Row tweet(String id, String text, long offset) {
    String json = "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    return RowFactory.create(json.getBytes(StandardCharsets.UTF_8), 0, offset, Timestamp.valueOf("2026-11-25 10:00:00"));
  }
}
