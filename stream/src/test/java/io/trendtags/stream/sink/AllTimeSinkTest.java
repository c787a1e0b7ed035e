package io.trendtags.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each source's all-time list from the changed rows of every source's and each network's keys. */
class AllTimeSinkTest {

  private static final StructType COLUMNS = new StructType()
      .add("key", DataTypes.StringType).add("count", DataTypes.LongType).add("authors", DataTypes.LongType)
      .add("casing", DataTypes.StringType).add("lastSeen", DataTypes.TimestampType);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
  private static final Ranking MASTODON = new Ranking(View.ALL, Source.of(Network.MASTODON));
  private static final Ranking X = new Ranking(View.ALL, Source.of(Network.X));

  private final MemoryTopTagsStore store = new MemoryTopTagsStore();

  private static Row row(String key, long count, String casing, String lastSeen) {
    return new GenericRowWithSchema(new Object[] {key, count, count, casing,
        lastSeen == null ? null : Timestamp.from(Instant.parse(lastSeen))}, COLUMNS);
  }

  @Test
  void shouldWriteEachNetworksListBesideEverySourcesAndGoOnFromThemAfterARestart() {
    new AllTimeSink(store, CLOCK).apply(List.of(
        row("rust", 3, "Rust", "2026-12-02T11:00:00Z"),
        row("mastodon#rust", 2, "rust", "2026-12-02T10:00:00Z"),
        row("x#rust", 1, "Rust", "2026-12-02T11:00:00Z"),
        row(null, 5, null, "2026-12-02T11:59:00Z")), "query-1");

    TopTags all = store.read(Ranking.of(View.ALL)).orElseThrow();
    assertThat(all.tags()).containsExactly(new TagCount("Rust", 3, 3));
    assertThat(all.rejected()).isEqualTo(5);
    assertThat(all.clock()).isEqualTo("2026-12-02T11:00:00Z");
    TopTags mastodon = store.read(MASTODON).orElseThrow();
    assertThat(mastodon.tags()).containsExactly(new TagCount("rust", 2, 2));
    assertThat(mastodon.rejected()).as("rejected records are no network's").isZero();
    assertThat(mastodon.clock()).as("the newest of its own posts").isEqualTo("2026-12-02T10:00:00Z");
    assertThat(store.read(new Ranking(View.ALL, Source.of(Network.BLUESKY)))).as("no Bluesky post, no list").isEmpty();
    store.takeWrites();

    // A restarted job: a new sink, the same query; only Mastodon changed.
    new AllTimeSink(store, CLOCK).apply(List.of(
        row("go", 1, "Go", "2026-12-02T11:30:00Z"), row("mastodon#go", 1, "Go", "2026-12-02T11:30:00Z")), "query-1");

    assertThat(store.read(MASTODON).orElseThrow().tags()).containsExactly(new TagCount("rust", 2, 2), new TagCount("Go", 1, 1));
    assertThat(store.read(Ranking.of(View.ALL)).orElseThrow().tags()).containsExactly(new TagCount("Rust", 3, 3), new TagCount("Go", 1, 1));
    assertThat(store.read(Ranking.of(View.ALL)).orElseThrow().rejected()).isEqualTo(5);
    assertThat(store.takeWrites()).as("X's list, unchanged, is not written again").containsExactlyInAnyOrder(Ranking.of(View.ALL), MASTODON);
    assertThat(store.read(X).orElseThrow().tags()).containsExactly(new TagCount("Rust", 1, 1));
  }

  @Test
  void shouldStartANetworksListAfreshWhenAnotherQueryWroteIt() {
    new AllTimeSink(store, CLOCK).apply(List.of(row("mastodon#rust", 2, "rust", "2026-12-02T10:00:00Z")), "old-checkpoint");
    new AllTimeSink(store, CLOCK).apply(List.of(row("mastodon#go", 1, "go", "2026-12-02T10:00:00Z")), "new-checkpoint");

    assertThat(store.read(MASTODON).orElseThrow().tags()).containsExactly(new TagCount("go", 1, 1));
  }
}
