package io.trendtags.stream.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.stream.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  @ParameterizedTest
  @EnumSource(Dedup.class)
  void shouldTellTheDedupACheckpointWasMadeWith(Dedup made) {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    run.batch(List.of(tweet("1", "#spark", 0)), kafka -> AllTimeCounts.build(TagUses.of(kafka), HORIZON, made));

    assertThat(Dedup.of(spark, run.checkpoint.toString())).isEqualTo(made);
  }

  @Test
  void shouldGoOnWithTheOldDedupsStateOnACheckpointItMade() {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    run.batch(List.of(tweet("1", "#spark", 0)),
        kafka -> AllTimeCounts.build(TagUses.of(kafka), HORIZON, Dedup.WITHIN_WATERMARK));

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
