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
    "\n", "\t", "\r", "\u3000", "\u00A0", ".", "..", "．", "。", "example．com", "#tag.", "#tag.com", "x.y#z", ",", "!", "?", ":", "://", "/", "http://example.com/#frag", "https://t.co/abc", "www.x.io",
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

  @Test
  void findsWhatTwitterTextFindsAroundEveryBmpCharacter() {
    for (int c = 0; c < 0x10000; c++) {
      String ch = String.valueOf((char) c);
      for (String text : List.of("#a" + ch, ch + "#a", "#" + ch, ch + "#" + ch + "x", "a " + ch + "#t" + ch + "#u")) {
        assertSameAsTwitterText(text);
      }
    }
  }

  @Test
  void findsWhatTwitterTextFindsInRandomUnicode() {
    Random random = new Random(11);
    int[] blocks = {0x20, 0x80, 0x300, 0x400, 0x600, 0x900, 0x3040, 0x4E00, 0xFE00, 0xFF00, 0x1F300, 0x20000, 0x11000};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(16); n > 0; n--) {
        int pick = random.nextInt(10);
        if (pick < 3) {
          text.append(random.nextBoolean() ? '#' : '＃');
        } else if (pick < 4) {
          text.append(' ');
        } else {
          text.appendCodePoint(blocks[random.nextInt(blocks.length)] + random.nextInt(0x100));
        }
      }
      assertSameAsTwitterText(text.toString());
    }
  }
}
