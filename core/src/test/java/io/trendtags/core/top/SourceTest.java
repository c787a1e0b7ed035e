package io.trendtags.core.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trendtags.core.post.Network;
import org.junit.jupiter.api.Test;

class SourceTest {

  @Test
  void shouldKeepEverySourcesKeysAsTheyWereAndPrefixEachNetworks() {
    assertThat(Source.ALL.key("rust")).isEqualTo("rust");
    assertThat(Source.of(Network.MASTODON).key("rust")).isEqualTo("mastodon#rust");
    assertThat(Source.of(Network.X).key("日本語")).isEqualTo("x#日本語");
  }

  @Test
  void shouldTellTheSourceAndTheTagOfEveryKeyItMade() {
    for (Source source : Source.values()) {
      for (String tag : new String[] {"rust", "a:b", "ai-art", "日本語", "x", "mastodon"}) {
        String key = source.key(tag);
        assertThat(Source.ofKey(key)).as(key).isEqualTo(source);
        assertThat(Source.tagKey(key)).as(key).isEqualTo(tag);
      }
    }
  }

  @Test
  void shouldRefuseAKeyOfAnUnknownNetwork() {
    assertThatThrownBy(() -> Source.ofKey("myspace#rust")).hasMessageContaining("myspace");
  }

  @Test
  void shouldParseTheIdsUsersWriteAndNothingElse() {
    assertThat(Source.parse("all")).contains(Source.ALL);
    assertThat(Source.parse("bluesky")).contains(Source.of(Network.BLUESKY));
    assertThat(Source.parse("Bluesky")).isEmpty();
    assertThat(Source.parse(null)).isEmpty();
    assertThat(Source.ids()).isEqualTo("all, x, mastodon, bluesky");
  }

  @Test
  void shouldNameEveryRankingOnce() {
    assertThat(Ranking.values()).hasSize(Source.values().size() * View.values().length).doesNotHaveDuplicates();
    assertThat(Ranking.of(View.LAST_HOUR)).hasToString("1h@all");
  }
}
