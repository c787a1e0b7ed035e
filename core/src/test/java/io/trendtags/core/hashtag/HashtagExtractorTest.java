package io.trendtags.core.hashtag;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.tweet.Tweet;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashtagExtractorTest {

  @Test
  void noteTweetEntitiesComeFirst() {
    Tweet tweet = new Tweet("1", "truncated #a", List.of("a"), "full #a … #b", List.of("a", "b"));
    assertThat(HashtagExtractor.hashtags(tweet)).containsExactly("a", "b");
  }

  @Test
  void entitiesWinOverTheText() {
    // X's list is the truth even where the text would say otherwise (e.g. an edited or truncated text).
    Tweet tweet = new Tweet("1", "#Text here", List.of("Entity"), null, null);
    assertThat(HashtagExtractor.hashtags(tweet)).containsExactly("Entity");
  }

  @Test
  void anEmptyEntitiesListMeansNoHashtags() {
    assertThat(HashtagExtractor.hashtags(new Tweet("1", "#Text", List.of(), null, null))).isEmpty();
  }

  @Test
  void noteTextIsReadBeforeTheTruncatedText() {
    Tweet tweet = new Tweet("1", "long post about #Kafka and…", null, "long post about #Kafka and #Spark", null);
    assertThat(HashtagExtractor.hashtags(tweet)).containsExactly("Kafka", "Spark");
  }

  @Test
  void textIsExtractedInOrderWithOriginalCasingAndRepeats() {
    assertThat(HashtagExtractor.hashtags(Tweet.ofText("1", "#Java vs #JAVA vs #java, and #Java again")))
        .containsExactly("Java", "JAVA", "java", "Java");
  }

  @Test
  void fullwidthNumberSignStartsAHashtag() {
    assertThat(HashtagExtractor.hashtags("日本語の ＃ハッシュタグ です")).containsExactly("ハッシュタグ");
  }

  @Test
  void textWithoutNumberSignSkipsTwitterText() {
    assertThat(HashtagExtractor.mayHaveHashtag("plain text, @mention, https://t.co/x 😀")).isFalse();
    assertThat(HashtagExtractor.mayHaveHashtag("C# but no hashtag")).isTrue();
    assertThat(HashtagExtractor.hashtags("plain text, @mention, https://t.co/x 😀")).isEmpty();
  }

  @Test
  void numberSignsThatAreNotHashtagsGiveNothing() {
    assertThat(HashtagExtractor.hashtags("C# is #1, see issue #42 and https://example.com/#anchor")).isEmpty();
  }

  @Test
  void aTagIsValidWhenTwitterTextFindsAllOfItAfterAHash() {
    assertThat(List.of("java", "Java_17", "日本語", "a\u200Db", "L" + "o".repeat(498) + "ng"))
        .allMatch(HashtagExtractor::isValidTag);
    assertThat(List.of("", "two words", "bell\u0007", "<script>", "\u202Egnp.exe", "123", "#java", "java!"))
        .noneMatch(HashtagExtractor::isValidTag);
  }
}
