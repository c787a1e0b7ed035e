package io.trendtags.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopTagsBodiesTest {

  private static final Ranking ALL = Ranking.of(View.ALL);
  private static final Ranking HOUR_MASTODON = new Ranking(View.parse("1h").orElseThrow(), Source.parse("mastodon").orElseThrow());
  private static final Instant AT = Instant.parse("2026-12-02T12:00:00Z");

  private final TopTagsBodies bodies = new TopTagsBodies();

  @Test
  void writesABodyOncePerValueAndN() {
    Optional<TopTags> top = Optional.of(new TopTags(AT, List.of(new TagCount("Java", 3), new TagCount("Rust", 2)), 0));

    String one = bodies.of(ALL, top, false, 1).text();
    String two = bodies.of(ALL, top, false, 2).text();

    assertThat(one).contains("\"Java\"").doesNotContain("\"Rust\"").contains("\"stale\":false");
    assertThat(two).contains("\"Java\"", "\"Rust\"");
    assertThat(bodies.of(ALL, top, false, 1).text()).isSameAs(one);
  }

  @Test
  void aNewValueOrAChangeOfStalenessGivesANewBody() {
    Optional<TopTags> before = Optional.of(new TopTags(AT, List.of(new TagCount("Java", 3)), 0));
    Optional<TopTags> after = Optional.of(new TopTags(AT.plusSeconds(1), List.of(new TagCount("Kafka", 9)), 0));

    String first = bodies.of(ALL, before, false, 10).text();

    assertThat(bodies.of(ALL, after, false, 10).text()).contains("\"Kafka\"").doesNotContain("\"Java\"");
    assertThat(bodies.of(ALL, after, true, 10).text()).contains("\"stale\":true", "\"Kafka\"");
    // A request still holding the earlier value gets that value's body, not the newer one's.
    assertThat(bodies.of(ALL, before, false, 10).text()).isEqualTo(first);
  }

  @Test
  void eachRankingKeepsItsOwnBodies() {
    Optional<TopTags> top = Optional.of(new TopTags(AT, List.of(new TagCount("Rust", 5)), 0));

    String all = bodies.of(ALL, top, false, 10).text();
    String mastodon = bodies.of(HOUR_MASTODON, top, false, 10).text();

    assertThat(all).contains("\"view\":\"all\"", "\"source\":\"all\"");
    assertThat(mastodon).contains("\"view\":\"1h\"", "\"source\":\"mastodon\"");
    assertThat(bodies.of(ALL, top, false, 10).text()).isSameAs(all);
  }

  @Test
  void noDataYetIsAnEmptyList() {
    assertThat(bodies.of(ALL, Optional.empty(), false, 10).text()).contains("\"tags\":[]", "\"updated_at\":null");
  }

  @Test
  void theBytesAreTheTextInUtf8EncodedOnce() {
    Optional<TopTags> top = Optional.of(new TopTags(AT, List.of(new TagCount("日本語", 4), new TagCount("Café", 2)), 0));

    TopTagsBodies.Body body = bodies.of(ALL, top, false, 10);

    assertThat(new String(body.utf8(), StandardCharsets.UTF_8)).isEqualTo(body.text()).contains("日本語", "Café");
    assertThat(bodies.of(ALL, top, false, 10).utf8()).isSameAs(body.utf8());
  }
}
