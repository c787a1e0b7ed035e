package io.trendtags.core.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.Tweet;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each network's hashtags, read its own way from real bodies of its API (src/test/resources/samples). */
class PostParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode sample(String path) throws IOException {
    try (InputStream in = PostParserTest.class.getResourceAsStream("/samples/" + path)) {
      return JSON.readTree(in);
    }
  }

  private static Post parse(JsonNode node) throws MalformedTweetException {
    return PostParser.parse(node.toString()); // one line, as a Kafka record or an extract input
  }

  @Test
  void shouldTakeAMastodonStatussOwnTagsAsItsHashtags() throws Exception {
    JsonNode timeline = sample("mastodon-rtoot/home-timeline-fosstodon-2025-07-17.json");
    List<List<String>> tags = new ArrayList<>();
    for (JsonNode status : timeline) {
      Post post = parse(status);
      assertThat(post.network()).isEqualTo(Network.MASTODON);
      assertThat(post.content().id()).isEqualTo(status.get("id").asText());
      assertThat(post.content().authorId()).isEqualTo(status.get("account").get("id").asText());
      assertThat(post.content().createdAt()).isEqualTo(Instant.parse(status.get("created_at").asText()));
      tags.add(HashtagExtractor.hashtags(post.content()));
    }
    assertThat(tags).containsExactly(List.of("rstats", "rtoot"), List.of("rstats", "functionalprogramming"),
        List.of("jobs", "stellenangebote", "gesisjobs", "jobfairy"), List.of(), List.of());
  }

  @Test
  void shouldCountABoostAsTheBoostersUseOfTheBoostedStatussTags() throws Exception {
    Tweet boost = parse(sample("mastodon-rtoot/status-boost-with-tags.json")).content();
    assertThat(boost.id()).isEqualTo("112526202686547299");
    assertThat(boost.authorId()).isEqualTo("109302436954721982");
    assertThat(HashtagExtractor.hashtags(boost)).containsExactly("academicmilestone", "datascience");
  }

  @Test
  void shouldReadMastodonsHtmlAsTextWhereAStatusHasNoTags() throws Exception {
    String status = "{\"id\":\"7\",\"created_at\":\"2025-07-17T10:00:00.000Z\",\"account\":{\"id\":\"42\"},"
        + "\"content\":\"<p>Learning <a href=\\\"x\\\">#<span>Rust</span></a> &amp; #Go</p>\"}";
    Tweet post = PostParser.parse(status).content();
    assertThat(post.text()).isEqualTo("Learning #Rust & #Go");
    assertThat(HashtagExtractor.hashtags(post)).containsExactly("Rust", "Go");
  }

  @Test
  void shouldTakeBlueskyTagFacetsAfterNonAsciiTextAndCountARepostAsTheReposters() throws Exception {
    JsonNode feed = sample("bluesky-atrrr/getTimeline-2025-07-04.json").get("feed");
    JsonNode repostWithTags = null;
    for (JsonNode item : feed) {
      if (item.get("post").get("uri").asText().endsWith("3lt4swwbfic2y")) {
        repostWithTags = item;
      }
    }
    Post post = parse(repostWithTags);
    assertThat(post.network()).isEqualTo(Network.BLUESKY);
    assertThat(HashtagExtractor.hashtags(post.content())).containsExactly("Hochschulen", "unkürzbar", "StopTheCuts");
    assertThat(post.content().id()).isEqualTo(repostWithTags.get("reason").get("uri").asText()).contains("app.bsky.feed.repost");
    assertThat(post.content().authorId()).isEqualTo(repostWithTags.get("reason").get("by").get("did").asText())
        .isNotEqualTo(repostWithTags.get("post").get("author").get("did").asText());

    int reposts = 0;
    for (JsonNode item : feed) {
      Tweet read = parse(item).content();
      boolean repost = item.has("reason");
      reposts += repost ? 1 : 0;
      assertThat(read.authorId()).isEqualTo(repost ? item.at("/reason/by/did").asText() : item.at("/post/author/did").asText());
    }
    assertThat(reposts).isEqualTo(7);
  }

  @Test
  void shouldTakeABlueskyRecordsTagsBesideItsFacets() throws Exception {
    JsonNode view = sample("bluesky-atrrr/post-with-record-tags.json");
    Tweet post = parse(view).content();
    assertThat(HashtagExtractor.hashtags(post)).containsExactly("Wordle", "rstats");
    assertThat(post.id()).isEqualTo(view.get("uri").asText());
  }

  @Test
  void shouldStillReadAnXTweetAndRefuseABrokenPost() throws Exception {
    Post tweet = PostParser.parse("{\"id\":\"1\",\"text\":\"a \\\"post\\\" about #Java\"}");
    assertThat(tweet.network()).isEqualTo(Network.X);
    assertThat(HashtagExtractor.hashtags(tweet.content())).containsExactly("Java");
    assertThatThrownBy(() -> PostParser.parse("{\"post\":{\"uri\":\"at://x\"}}")).isInstanceOf(MalformedTweetException.class)
        .hasMessageContaining("without a record");
    assertThatThrownBy(() -> PostParser.parse("{\"account\":{},\"content\":\"\"}")).hasMessageContaining("\"id\"");
  }

  @Test
  void shouldNameTheNetworkInEveryKeyButXsAndBoundALongId() throws Exception {
    String status = "{\"id\":\"1\",\"account\":{\"id\":\"42\"},\"content\":\"#a\",\"tags\":[{\"name\":\"a\"}]}";
    Post mastodon = PostParser.parse(status);
    Post tweet = PostParser.parse("{\"id\":\"1\",\"author_id\":\"42\",\"text\":\"#a\"}");
    assertThat(mastodon.key()).isEqualTo("mastodon:1").isNotEqualTo(tweet.key());
    assertThat(mastodon.authorKey()).isEqualTo("mastodon:42");
    assertThat(tweet.key()).isEqualTo("1");
    assertThat(tweet.authorKey()).isEqualTo("42");

    String longUri = "at://did:web:" + "a".repeat(300) + ".example/app.bsky.feed.post/3l";
    Post bluesky = PostParser.parse("{\"uri\":\"" + longUri + "\",\"author\":{\"did\":\"did:plc:x\"},"
        + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"\",\"tags\":[\"a\"]}}");
    Post other = PostParser.parse("{\"uri\":\"" + longUri + "2\",\"author\":{\"did\":\"did:plc:x\"},"
        + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"\",\"tags\":[\"a\"]}}");
    assertThat(bluesky.key()).startsWith("bluesky:sha256:").hasSizeLessThan(Post.MAX_ID_CHARS)
        .isNotEqualTo(other.key());
    assertThat(bluesky.authorKey()).isEqualTo("bluesky:did:plc:x");
  }

  @Test
  void shouldJudgeATagByItsOwnNetworksRules() throws Exception {
    Post bluesky = PostParser.parse(sample("bluesky-atrrr/post-with-record-tags.json").toString());
    Post tweet = PostParser.parse("{\"id\":\"1\",\"text\":\"\"}");
    assertThat(bluesky.isValidTag("ai-art")).as("one tag on Bluesky").isTrue();
    assertThat(tweet.isValidTag("ai-art")).as("not a whole hashtag on X").isFalse();
    assertThat(bluesky.isValidTag("two words")).isFalse();
    assertThat(bluesky.isValidTag("bell\u0007")).isFalse();
    assertThat(bluesky.isValidTag("")).isFalse();
    assertThat(tweet.isValidTag("Java")).isTrue();
  }

  @Test
  void shouldReadABlueskyRecordsTextWhenItHasNeitherFacetsNorTags() throws Exception {
    Post post = PostParser.parse("{\"uri\":\"at://did:plc:x/app.bsky.feed.post/1\",\"author\":{\"did\":\"did:plc:x\"},"
        + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"made by a script #Kafka\"}}");
    assertThat(HashtagExtractor.hashtags(post.content())).containsExactly("Kafka");
  }
}
