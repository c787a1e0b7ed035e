package io.trendtags.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TopTagsSinkTest {

  private static final StructType COUNTS = new StructType()
      .add("key", DataTypes.StringType).add("casing", DataTypes.StringType).add("count", DataTypes.LongType);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  private static Row row(String key, String casing, long count) {
    return new GenericRowWithSchema(new Object[] {key, casing, count}, COUNTS);
  }

  @Test
  void shouldRankCountsAndSeparateRejected() {
    TopTags top = TopTagsSink.rank(List.of(
        row("java", "Java", 3), row("java", "java", 1), row("kafka", "Kafka", 2), row(null, null, 5)), CLOCK);

    assertThat(top.tags()).containsExactly(new TagCount("Java", 4), new TagCount("Kafka", 2));
    assertThat(top.rejected()).isEqualTo(5);
    assertThat(top.updatedAt()).isEqualTo(CLOCK.instant());
  }
}
