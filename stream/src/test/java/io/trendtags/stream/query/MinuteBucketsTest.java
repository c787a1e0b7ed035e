package io.trendtags.stream.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.top.Source;
import io.trendtags.stream.LocalSpark;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The windows' topology as a streaming query, with either dedup: what a checkpoint of each runs. */
class MinuteBucketsTest {

  private static final Duration LATENESS = Duration.ofMinutes(10);
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("MinuteBucketsTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private long offset;

  @ParameterizedTest
  @EnumSource(Dedup.class)
  void shouldCountEachTweetOncePerBucketDropLateOnesAndEvictWhatTheWatermarkPassed(Dedup dedup) {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);

    List<Row> first = run.batch(List.of(tweet("1", 10, "#Rust"), tweet("2", 20, "#rust"), tweet("1", 10, "#Rust")),
        kafka -> MinuteBuckets.build(TagUses.of(kafka), LATENESS, dedup));
    // A redelivery of tweet 1, and a tweet half an hour on that moves the watermark to 10:20.
    List<Row> second = run.batch(List.of(tweet("1", 10, "#Rust"), tweet("3", 30 * 60, "#java")),
        kafka -> MinuteBuckets.build(TagUses.of(kafka), LATENESS, dedup));
    // A tweet of 10:00:30 is now older than the watermark: too late for the windows.
    List<Row> late = run.batch(List.of(tweet("4", 30, "#rust"), tweet("5", 30 * 60 + 5, "#java")),
        kafka -> MinuteBuckets.build(TagUses.of(kafka), LATENESS, dedup));

    assertThat(everySource(first)).extracting(r -> r.getAs(MinuteBuckets.KEY) + "@" + r.getAs(MinuteBuckets.BUCKET) + "=" + r.getAs(MinuteBuckets.COUNT))
        .containsExactly("rust@" + Timestamp.from(T0) + "=2");
    assertThat(everySource(second)).as("the redelivery changed nothing").extracting(r -> r.<String>getAs(MinuteBuckets.KEY))
        .containsExactly("java");
    assertThat(everySource(late)).extracting(r -> r.getAs(MinuteBuckets.KEY) + "=" + r.getAs(MinuteBuckets.COUNT))
        .containsExactly("java=2");
    assertThat(run.dedupStateRows()).as("tweets 1 and 2 left once the watermark passed them; 3 and 5 stay").isEqualTo(2);
    assertThat(run.stateRows("stateStoreSave")).as("the bucket of 10:00 was evicted; 10:30 is open, for each source and x")
        .isEqualTo(2);
  }

  private static List<Row> everySource(List<Row> rows) {
    return rows.stream().filter(r -> Source.ofKey(r.getAs(MinuteBuckets.KEY)) == Source.ALL).toList();
  }

  private Row tweet(String id, long secondsAfterT0, String text) {
    Instant created = T0.plusSeconds(secondsAfterT0);
    String json = "{\"id\":\"" + id + "\",\"author_id\":\"a" + id + "\",\"created_at\":\"" + created + "\",\"text\":\"" + text + "\"}";
    return RowFactory.create(json.getBytes(StandardCharsets.UTF_8), 0, offset++, Timestamp.from(created.plusSeconds(1)));
  }
}
