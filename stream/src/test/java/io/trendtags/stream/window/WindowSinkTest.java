package io.trendtags.stream.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.stream.sink.MemoryTopTagsStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each network's windows from buckets of its own, beside every source's, and again after a restart. */
class WindowSinkTest {

  private static final StructType COLUMNS = new StructType()
      .add("bucket", DataTypes.TimestampType).add("key", DataTypes.StringType).add("count", DataTypes.LongType)
      .add("authors", DataTypes.BinaryType).add("casing", DataTypes.StringType).add("lastSeen", DataTypes.TimestampType);
  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final Source BLUESKY = Source.of(Network.BLUESKY);

  private final MemoryTopTagsStore store = new MemoryTopTagsStore();

  private static Row bucket(String key, Instant minute, String casing, String... authors) {
    HllSketch sketch = new HllSketch(12);
    for (String author : authors) {
      sketch.update(author);
    }
    return new GenericRowWithSchema(new Object[] {Timestamp.from(minute), key, (long) authors.length,
        sketch.toUpdatableByteArray(), casing, Timestamp.from(minute.plusSeconds(30))}, COLUMNS);
  }

  private WindowSink sink() {
    return new WindowSink(store, Clock.fixed(NOW, ZoneOffset.UTC), SurgeSettings.DEFAULTS);
  }

  private List<TagCount> read(View view, Source source) {
    return store.read(new Ranking(view, source)).map(TopTags::tags).orElse(List.of());
  }

  @Test
  void shouldRankEachNetworksWindowsFromItsOwnBucketsAndTakeThemBackAfterARestart() {
    Instant hourAgo = NOW.minus(Duration.ofMinutes(40));
    sink().apply(List.of(
        bucket("rust", hourAgo, "Rust", "x:1", "bluesky:a", "bluesky:b"),
        bucket("x#rust", hourAgo, "Rust", "x:1"),
        bucket("bluesky#rust", hourAgo, "rust", "bluesky:a", "bluesky:b"),
        bucket("go", NOW, "Go", "x:1"),
        bucket("x#go", NOW, "Go", "x:1")), "query-1");

    assertThat(read(View.LAST_HOUR, Source.ALL)).containsExactly(new TagCount("Rust", 3, 3), new TagCount("Go", 1, 1));
    assertThat(read(View.LAST_HOUR, BLUESKY)).containsExactly(new TagCount("rust", 2, 2));
    assertThat(read(View.LAST_15_MINUTES, BLUESKY)).as("Bluesky's rust is 40 minutes old").isEmpty();
    assertThat(read(View.LAST_15_MINUTES, Source.of(Network.X))).containsExactly(new TagCount("Go", 1, 1));
    assertThat(read(View.LAST_HOUR, Source.of(Network.MASTODON))).as("no Mastodon bucket").isEmpty();
    assertThat(store.read(new Ranking(View.LAST_HOUR, Source.of(Network.MASTODON)))).isEmpty();

    // A restarted job takes every network's buckets back from the history; one new Bluesky bucket comes.
    sink().apply(List.of(bucket("rust", NOW, "rust", "bluesky:c"), bucket("bluesky#rust", NOW, "rust", "bluesky:c")), "query-1");

    assertThat(read(View.LAST_HOUR, BLUESKY)).containsExactly(new TagCount("rust", 3, 3));
    assertThat(read(View.LAST_15_MINUTES, BLUESKY)).containsExactly(new TagCount("rust", 1, 1));
    assertThat(read(View.LAST_24_HOURS, Source.of(Network.X))).containsExactly(new TagCount("Go", 1, 1), new TagCount("Rust", 1, 1));
    assertThat(read(View.LAST_HOUR, Source.ALL)).containsExactly(new TagCount("Rust", 4, 4), new TagCount("Go", 1, 1));
    // Three Bluesky authors in the hour against none before: a surge on Bluesky; one author of it on X: none there.
    assertThat(read(View.SURGE, BLUESKY)).extracting(TagCount::tag, TagCount::count).containsExactly(tuple("rust", 3L));
    assertThat(read(View.SURGE, Source.of(Network.X))).isEmpty();
  }
}
