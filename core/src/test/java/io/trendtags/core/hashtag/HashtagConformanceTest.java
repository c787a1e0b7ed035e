package io.trendtags.core.hashtag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.core.tweet.Tweet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hashtag case of twitter-text's conformance suite, through our own entry points: a tweet with
 * only a text goes through the same path as a stream record without entities.
 */
class HashtagConformanceTest {

  private static final JsonNode TESTS = ConformanceSuite.extractTests();

  @Test
  void suiteHasEveryHashtagCase() {
    // 76 cases in the suite we pinned; an unreadable or emptied file must not pass as "no cases, no failures".
    int cases = TESTS.get("hashtags").size() + TESTS.get("hashtags_from_astral").size()
        + TESTS.get("hashtags_with_indices").size();
    assertThat(cases).isGreaterThanOrEqualTo(76);
  }

  @TestFactory
  Stream<DynamicTest> hashtags() {
    return Stream.concat(casesOf("hashtags"), casesOf("hashtags_from_astral")).map(c -> DynamicTest.dynamicTest(
        c.get("description").asText(),
        () -> {
          List<String> expected = new ArrayList<>();
          c.get("expected").forEach(e -> expected.add(e.asText()));
          assertThat(HashtagExtractor.hashtags(Tweet.ofText("1", c.get("text").asText())))
              .containsExactlyElementsOf(expected);
        }));
  }

  @TestFactory
  Stream<DynamicTest> hashtagsWithIndices() {
    return casesOf("hashtags_with_indices").map(c -> DynamicTest.dynamicTest(
        c.get("description").asText(),
        () -> {
          List<HashtagEntity> expected = new ArrayList<>();
          c.get("expected").forEach(e -> expected.add(new HashtagEntity(
              e.get("hashtag").asText(), e.get("indices").get(0).asInt(), e.get("indices").get(1).asInt())));
          assertThat(HashtagExtractor.entities(c.get("text").asText())).containsExactlyElementsOf(expected);
        }));
  }

  @Test
  void indicesCountCodePointsNotUtf16Chars() {
    // Each emoji is one code point but two Java chars: X's entities say 2..6, twitter-text alone 4..8.
    assertThat(HashtagExtractor.entities("😀🎉#tag!")).containsExactly(new HashtagEntity("tag", 2, 6));
  }

  private static Stream<JsonNode> casesOf(String section) {
    List<JsonNode> cases = new ArrayList<>();
    TESTS.get(section).forEach(cases::add);
    return cases.stream();
  }
}
