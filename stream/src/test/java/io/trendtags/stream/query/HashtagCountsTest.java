package io.trendtags.stream.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topology on a static DataFrame of Kafka-shaped rows: the same code the streaming query runs. */
class HashtagCountsTest {

  private static final StructType KAFKA_ROWS = new StructType()
      .add("value", DataTypes.BinaryType)
      .add("partition", DataTypes.IntegerType)
      .add("offset", DataTypes.LongType);

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder().master("local[2]").appName("HashtagCountsTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private final List<Row> records = new ArrayList<>();

  private void record(String value) {
    records.add(RowFactory.create(value.getBytes(StandardCharsets.UTF_8), 0, (long) records.size()));
  }

  private void tweet(String id, String text) {
    record("{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}");
  }

  /** key -> (casing -> count); the rejected count under key null. */
  private Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> result = new HashMap<>();
    for (Row row : HashtagCounts.build(spark.createDataFrame(records, KAFKA_ROWS)).collectAsList()) {
      String key = row.getAs(HashtagCounts.KEY);
      String casing = row.getAs(HashtagCounts.CASING);
      result.computeIfAbsent(key, k -> new HashMap<>()).put(casing, row.<Long>getAs(HashtagCounts.COUNT));
    }
    return result;
  }

  @Test
  void shouldCountEachTagOncePerTweetFoldingCase() {
    tweet("1", "#Java and #java again");
    tweet("2", "more #JAVA");
    tweet("3", "plain #java");
    tweet("4", "no tags here");

    assertThat(counts()).containsOnlyKeys("java")
        .extractingByKey("java").isEqualTo(Map.of("Java", 1L, "JAVA", 1L, "java", 1L));
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
    records.add(RowFactory.create(new byte[] {(byte) 0xff, 0x00, (byte) 0xfe}, 1, 99L));
    record("[1,2,3]");

    Map<String, Map<String, Long>> counts = counts();

    assertThat(counts).containsOnlyKeys("spark", null);
    assertThat(counts.get(null).values()).containsExactly(4L);
  }

  @Test
  void shouldPreferTheEntitiesXSentOverTheText() {
    record("{\"id\":\"9\",\"text\":\"#FromText\",\"entities\":{\"hashtags\":[{\"start\":0,\"end\":9,\"tag\":\"FromEntities\"}]}}");

    assertThat(counts()).containsOnlyKeys("fromentities");
  }
}
