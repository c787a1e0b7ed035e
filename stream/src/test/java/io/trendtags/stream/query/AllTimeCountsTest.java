package io.trendtags.stream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import io.trendtags.core.top.Source;
import io.trendtags.stream.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The all-time topology on a static DataFrame of Kafka-shaped rows: the same code the streaming query runs. */
class AllTimeCountsTest {

  private static final Timestamp KAFKA_TIME = Timestamp.valueOf("2026-11-25 10:00:00");

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("AllTimeCountsTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private final List<Row> records = new ArrayList<>();

  private void record(String value) {
    records.add(RowFactory.create(value.getBytes(StandardCharsets.UTF_8), 0, (long) records.size(), KAFKA_TIME));
  }

  private void tweet(String id, String text) {
    record("{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}");
  }

  private void tweet(String id, String author, String createdAt, String text) {
    record("{\"id\":\"" + id + "\",\"author_id\":\"" + author + "\",\"created_at\":\"" + createdAt
        + "\",\"text\":\"" + text + "\"}");
  }

  /** Runs {@link #records} as one micro-batch of a streaming query; the rows it emitted. */
  private List<Row> rows() {
    return new StreamingRun(spark, StreamingRun.KAFKA_ROWS).batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), Duration.ofHours(48)));
  }

  private Row row(String key) {
    return rows().stream().filter(r -> key.equals(r.getAs(AllTimeCounts.KEY))).findFirst().orElseThrow();
  }

  /** Rows of every source's keys and the rejected row, without each network's own ({@link SourcedKeys}). */
  private static List<Row> everySource(List<Row> rows) {
    return rows.stream().filter(r -> r.getAs(AllTimeCounts.KEY) == null
        || Source.ofKey(r.getAs(AllTimeCounts.KEY)) == Source.ALL).toList();
  }

  /** A network's keys: sourced key ({@code mastodon#rust}) -> count. */
  private Map<String, Long> networkCounts() {
    Map<String, Long> result = new HashMap<>();
    for (Row row : rows()) {
      String key = row.getAs(AllTimeCounts.KEY);
      if (key != null && Source.ofKey(key) != Source.ALL) {
        result.put(key, row.getAs(AllTimeCounts.COUNT));
      }
    }
    return result;
  }

  /** Every source's key -> (shown casing -> count); the rejected count under key null. */
  private Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> result = new HashMap<>();
    for (Row row : everySource(rows())) {
      String key = row.getAs(AllTimeCounts.KEY);
      String casing = row.getAs(AllTimeCounts.CASING);
      result.computeIfAbsent(key, k -> new HashMap<>()).put(casing, row.<Long>getAs(AllTimeCounts.COUNT));
    }
    return result;
  }

  @Test
  void shouldCountEachTagOncePerTweetFoldingCase() {
    tweet("1", "#Java and #java again");
    tweet("2", "more #JAVA");
    tweet("3", "plain #java");
    tweet("4", "no tags here");

    tweet("5", "again #Java");

    assertThat(counts()).containsOnlyKeys("java")
        .extractingByKey("java").isEqualTo(Map.of("Java", 4L));
    assertThat(networkCounts()).as("X's own count").isEqualTo(Map.of("x#java", 4L));
  }

  @Test
  void shouldCountDistinctAuthorsAndKeepTheNewestEventTime() {
    tweet("1", "alice", "2026-11-25T09:00:00.000Z", "#kafka");
    tweet("2", "alice", "2026-11-25T09:05:00.000Z", "#kafka");
    tweet("3", "bob", "2026-11-25T09:30:00.000Z", "#Kafka");
    tweet("4", "carol", "2026-11-25T08:00:00.000Z", "#kafka");

    Row kafka = row("kafka");
    assertThat(kafka.<Long>getAs(AllTimeCounts.COUNT)).isEqualTo(4);
    assertThat(kafka.<Long>getAs(AllTimeCounts.AUTHORS)).isEqualTo(3);
    assertThat(kafka.<Timestamp>getAs(AllTimeCounts.LAST_SEEN).toInstant()).hasToString("2026-11-25T09:30:00Z");
  }

  @Test
  void shouldCountATweetCreatedDaysBeforeTheOthersInAllTimeAndNeverLetAFutureCreatedAtMoveTheClock() {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    tweet("1", "alice", "2026-11-25T09:00:00.000Z", "#kafka");
    tweet("2", "bob", "2099-01-01T00:00:00.000Z", "#kafka");
    run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), Duration.ofHours(48)));
    records.clear();
    tweet("3", "carol", "2026-11-01T09:00:00.000Z", "#kafka"); // a backfill of last month
    List<Row> second = run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), Duration.ofHours(48)));

    assertThat(everySource(second)).singleElement().satisfies(kafka -> {
      assertThat(kafka.<Long>getAs(AllTimeCounts.COUNT)).isEqualTo(3);
      assertThat(kafka.<Timestamp>getAs(AllTimeCounts.LAST_SEEN)).isEqualTo(KAFKA_TIME);
    });
  }

  @ParameterizedTest
  @EnumSource(Dedup.class)
  void shouldDropADuplicateWithinTheHorizonAndForgetTheIdOnceItHasPassed(Dedup dedup) {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    Duration horizon = Duration.ofHours(48);
    Instant start = KAFKA_TIME.toInstant();
    for (int i = 0; i < 20; i++) {
      recordAt("{\"id\":\"" + (100 + i) + "\",\"text\":\"#old\"}", start);
    }
    run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), horizon, dedup));
    long before = run.dedupStateRows();

    // A second delivery of one of them a minute inside the horizon is still dropped.
    records.clear();
    recordAt("{\"id\":\"100\",\"text\":\"#old\"}", start.plus(horizon).minusSeconds(60));
    List<Row> redelivered = run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), horizon, dedup));

    // Past the horizon in Kafka's time, a few new tweets: the old ids leave the state (the ids of one horizon, not two).
    for (int batch = 1; batch <= 2; batch++) {
      records.clear();
      recordAt("{\"id\":\"" + (900 + batch) + "\",\"text\":\"#new\"}", start.plus(horizon).plusSeconds(batch));
      run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), horizon, dedup));
    }

    assertThat(before).isGreaterThanOrEqualTo(20);
    assertThat(redelivered).as("the duplicate changed no count").isEmpty();
    assertThat(run.dedupStateRows()).isLessThanOrEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Dedup.class)
  void shouldCountARedeliveryOnlyForTheTagsItAdds(Dedup dedup) {
    StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
    tweet("1", "#a #b");
    tweet("1", "#b #a");
    tweet("2", "#a");
    Map<String, Long> first = everySourceCounts(run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), Duration.ofHours(48), dedup)));

    records.clear();
    tweet("1", "#a #b #c");
    tweet("1", "#c #a");
    Map<String, Long> second = everySourceCounts(run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), Duration.ofHours(48), dedup)));

    assertThat(first).isEqualTo(Map.of("a", 2L, "b", 1L));
    assertThat(second).as("only the added tag changed").isEqualTo(Map.of("c", 1L));
  }

  @Test
  void shouldHoldAPostOnceInTheTimersStateWhateverItsTags() {
    for (int i = 0; i < 10; i++) {
      tweet(Integer.toString(i), "#a #b #c #d #e");
    }
    long[] stateRows = new long[2];
    for (Dedup dedup : List.of(Dedup.PAIR_TIMERS, Dedup.TIMERS)) {
      StreamingRun run = new StreamingRun(spark, StreamingRun.KAFKA_ROWS);
      run.batch(records, kafka -> AllTimeCounts.build(TagUses.of(kafka), Duration.ofHours(48), dedup));
      stateRows[dedup == Dedup.TIMERS ? 1 : 0] = run.dedupStateRows();
    }

    assertThat(stateRows[1]).as("posts of five tags: a fifth of the rows a pair each takes").isPositive()
        .isLessThanOrEqualTo(stateRows[0] / 5);
  }

  private static Map<String, Long> everySourceCounts(List<Row> rows) {
    Map<String, Long> result = new HashMap<>();
    for (Row row : everySource(rows)) {
      result.put(row.getAs(AllTimeCounts.KEY), row.getAs(AllTimeCounts.COUNT));
    }
    return result;
  }

  private void recordAt(String value, Instant kafkaTime) {
    records.add(RowFactory.create(value.getBytes(StandardCharsets.UTF_8), 0, (long) records.size(), Timestamp.from(kafkaTime)));
  }

  @Test
  void shouldTakeTheKafkaTimestampForATweetWithoutCreatedAt() {
    tweet("1", "#spark");

    assertThat(row("spark").<Timestamp>getAs(AllTimeCounts.LAST_SEEN)).isEqualTo(KAFKA_TIME);
  }

  @Test
  void shouldCountATweetDeliveredTwiceOnce() {
    tweet("7", "#kafka");
    tweet("7", "#kafka");
    tweet("8", "#kafka");

    assertThat(counts()).extractingByKey("kafka").isEqualTo(Map.of("kafka", 2L));
  }

  @Test
  void shouldSetAsideRecordsThatAreNotTweetsAndCountThem() {
    tweet("1", "#spark");
    record("not json at all");
    record("{\"id\": 5, \"text\": \"#numericid\"}");
    records.add(RowFactory.create(new byte[] {(byte) 0xff, 0x00, (byte) 0xfe}, 1, 99L, KAFKA_TIME));
    record("[1,2,3]");
    record("{\"id\":\"6\",\"text\":\"x\",\"entities\":{\"hashtags\":[{\"tag\":\"" + "x".repeat(TagUses.MAX_TAG_CHARS + 1) + "\"}]}}");

    Map<String, Map<String, Long>> counts = counts();

    assertThat(counts).containsOnlyKeys("spark", null);
    assertThat(counts.get(null).values()).containsExactly(5L);
    assertThat(rows()).filteredOn(r -> r.getAs(AllTimeCounts.KEY) == null).as("one rejected row, of no network").hasSize(1);
  }

  @Test
  void shouldDropTagsThatAreNotHashtagsByTwitterTextsRulesCountTheirTweetOnceAsRejectedAndKeepItsValidTags() {
    String bad = "[{\"tag\":\"java\"},{\"tag\":\"\"},{\"tag\":\"bell\\u0007tag\"},{\"tag\":\"<b>bold</b>\"},"
        + "{\"tag\":\"two words\"},{\"tag\":\"" + "x".repeat(10_000) + "\"}]";
    record("{\"id\":\"11\",\"text\":\"x\",\"entities\":{\"hashtags\":" + bad + "}}");
    record("{\"id\":\"12\",\"text\":\"x\",\"entities\":{\"hashtags\":[{\"tag\":\"Ünïcödé_ok\"},{\"tag\":\"日本語\"}]}}");

    Map<String, Map<String, Long>> counts = counts();

    assertThat(counts).containsOnlyKeys("java", "ünïcödé_ok", "日本語", null);
    assertThat(counts.get(null).values()).containsExactly(1L);
  }

  @Test
  void shouldPreferTheEntitiesXSentOverTheText() {
    record("{\"id\":\"9\",\"text\":\"#FromText\",\"entities\":{\"hashtags\":[{\"start\":0,\"end\":9,\"tag\":\"FromEntities\"}]}}");

    assertThat(counts()).containsOnlyKeys("fromentities");
  }

  @Test
  void shouldCountEveryNetworkInOneViewAndDropDuplicatesPerNetworkAndId() {
    tweet("42", "alice", "2026-11-25T09:00:00.000Z", "#Fediverse");
    mastodon("42", "42", "Fediverse"); // the same id and author id as the tweet, another network: counted
    mastodon("42", "42", "Fediverse"); // a redelivery of that status: dropped
    mastodon("43", "7", "fediverse");
    bluesky("at://did:plc:bob/app.bsky.feed.post/3l1", "did:plc:bob", "fediverse");
    bluesky("at://did:plc:bob/app.bsky.feed.post/3l1", "did:plc:bob", "fediverse");
    bluesky("at://did:plc:eve/app.bsky.feed.post/3l2", "did:plc:eve", "ai-art"); // a whole tag on Bluesky
    // A small number sign (U+FE5F) is a Bluesky tag's char, but folds into '#', which separates a network from a tag.
    bluesky("at://did:plc:eve/app.bsky.feed.post/3l3", "did:plc:eve", "a\ufe5fb");

    Row fediverse = row("fediverse");
    assertThat(fediverse.<Long>getAs(AllTimeCounts.COUNT)).isEqualTo(4);
    assertThat(fediverse.<Long>getAs(AllTimeCounts.AUTHORS)).as("alice, X's 42, Mastodon's 42 and 7, bob: X's and Mastodon's 42 are two people").isEqualTo(4);
    assertThat(counts()).containsOnlyKeys("fediverse", "ai-art", null);
    assertThat(counts().get(null).values()).containsExactly(1L);
    assertThat(networkCounts()).isEqualTo(Map.of(
        "x#fediverse", 1L, "mastodon#fediverse", 2L, "bluesky#fediverse", 1L, "bluesky#ai-art", 1L));
    assertThat(row("mastodon#fediverse").<Long>getAs(AllTimeCounts.AUTHORS)).as("Mastodon's 42 and 7").isEqualTo(2);
  }

  private void mastodon(String id, String account, String tag) {
    record("{\"id\":\"" + id + "\",\"created_at\":\"2026-11-25T09:01:00.000Z\",\"account\":{\"id\":\"" + account
        + "\"},\"content\":\"<p>#" + tag + "</p>\",\"tags\":[{\"name\":\"" + tag + "\"}]}");
  }

  private void bluesky(String uri, String did, String tag) {
    record("{\"post\":{\"uri\":\"" + uri + "\",\"author\":{\"did\":\"" + did + "\"},\"indexedAt\":\"2026-11-25T09:02:00.000Z\","
        + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"#" + tag + "\",\"createdAt\":\"2026-11-25T09:02:00.000Z\","
        + "\"facets\":[{\"index\":{\"byteStart\":0,\"byteEnd\":" + (tag.length() + 1) + "},"
        + "\"features\":[{\"$type\":\"app.bsky.richtext.facet#tag\",\"tag\":\"" + tag + "\"}]}]}}}");
  }
}
