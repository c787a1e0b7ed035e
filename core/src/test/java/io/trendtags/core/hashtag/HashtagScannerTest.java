package io.trendtags.core.hashtag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.Extractor.Entity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HashtagScanner} must find exactly what twitter-text's {@link Extractor} finds: same tags, same
 * positions, same order, on every text we can think of.
 */
class HashtagScannerTest {

  private static final Extractor TWITTER_TEXT = new Extractor();

  /** Pieces that exercise the rules: hash signs, prefixes that allow or forbid a tag, URLs, scripts, astral chars. */
  private static final String[] PIECES = {
    "#", "#", "＃", "##", "#tag", "#Java", "#JAVA", "#java_2026", "#123", "#1a", "&#", "a#b", "_#x", " ", " ", "  ",
    "\n", "\t", ".", "..", ",", "!", "?", ":", "://", "/", "http://example.com/#frag", "https://t.co/abc", "www.x.io",
    "example.com", "#example.com", "@user", "$TSLA", "東京", "#東京", "ニュース", "#ニュース", "Москва", "#Москва",
    "العربية", "#العربية", "हिन्दी", "#हिन्दी", "café", "#café", "e\u0301", "🚀", "#🚀", "🔥#fire", "\uD840\uDC00",
    "#\uD840\uDC00x", "\uD840\uDC00#tag", "\uFE0F", "#\uFE0F", "#\u20E3", "\u200D", "\u202E", "ß", "İ", "ǅ", "#_", "x"
  };

  private static List<String> described(List<Entity> entities) {
    List<String> out = new ArrayList<>();
    for (Entity e : entities) {
      out.add(e.getValue() + "@" + e.getStart() + "-" + e.getEnd());
    }
    return out;
  }

  private static void assertSameAsTwitterText(String text) {
    assertThat(described(HashtagScanner.entities(text)))
        .as("hashtags of %s", text)
        .isEqualTo(described(TWITTER_TEXT.extractHashtagsWithIndices(text)));
  }

  @Test
  void findsWhatTwitterTextFindsInEveryConformanceText() {
    List<String> texts = new ArrayList<>();
    ConformanceSuite.extractTests().fields().forEachRemaining(section ->
        section.getValue().forEach(test -> texts.add(test.get("text").asText())));

    assertThat(texts).hasSizeGreaterThan(100);
    texts.forEach(HashtagScannerTest::assertSameAsTwitterText);
  }

  @Test
  void findsWhatTwitterTextFindsInTheBundledTimeline() throws IOException {
    Path timeline = Path.of(System.getProperty("trendtags.home", "."))
        .resolve("client/src/main/resources/timeline/home-timeline.jsonl");
    ObjectMapper json = new ObjectMapper();
    int withHash = 0;
    for (String line : Files.readAllLines(timeline, StandardCharsets.UTF_8)) {
      JsonNode tweet = json.readTree(line);
      for (String text : List.of(tweet.path("text").asText(), tweet.path("note_tweet").path("text").asText())) {
        withHash += text.indexOf('#') >= 0 ? 1 : 0;
        assertSameAsTwitterText(text);
      }
    }
    assertThat(withHash).isGreaterThan(1000);
  }

  @Test
  void findsWhatTwitterTextFindsInRandomTexts() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(12); n > 0; n--) {
        text.append(PIECES[random.nextInt(PIECES.length)]);
      }
      assertSameAsTwitterText(text.toString());
    }
  }
}
