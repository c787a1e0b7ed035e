package io.trendtags.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.hashtag.HashtagEntity;
import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.hashtag.HashtagKey;
import io.trendtags.core.tweet.TweetParser;
import java.io.BufferedReader;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled timeline: reproducible, and true to X's format and to twitter-text. */
class TimelineGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static byte[] bundled;
  private static List<JsonNode> tweets;

  @BeforeAll
  static void readBundledFile() throws Exception {
    try (InputStream in = TimelineGeneratorTest.class.getResourceAsStream(TimelineSource.BUNDLED_RESOURCE)) {
      bundled = in.readAllBytes();
    }
    tweets = new ArrayList<>();
    try (BufferedReader lines = TimelineSource.bundled().open()) {
      String line;
      while ((line = lines.readLine()) != null) {
        tweets.add(JSON.readTree(line));
      }
    }
  }

  @Test
  void regeneratingGivesTheSameBytes() {
    String regenerated = TimelineGenerator.bundled().generate();
    assertThat(regenerated.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(bundled);
  }

  @Test
  void aDifferentSeedGivesADifferentTimeline() {
    assertThat(new TimelineGenerator(1, 50).generate()).isNotEqualTo(new TimelineGenerator(2, 50).generate());
  }

  @Test
  void everyEntityAgreesWithTwitterTextInCodePoints() {
    int checked = 0;
    for (JsonNode tweet : tweets) {
      checked += checkEntities(tweet.get("text").asText(), tweet.path("entities"));
      JsonNode note = tweet.path("note_tweet");
      if (!note.isMissingNode()) {
        checked += checkEntities(note.get("text").asText(), note.path("entities"));
      }
    }
    assertThat(checked).isGreaterThan(500);
  }

  private static int checkEntities(String text, JsonNode entities) {
    if (entities.isMissingNode()) {
      return 0;
    }
    List<HashtagEntity> written = new ArrayList<>();
    for (JsonNode h : entities.get("hashtags")) {
      HashtagEntity e = new HashtagEntity(h.get("tag").asText(), h.get("start").asInt(), h.get("end").asInt());
      written.add(e);
      // X's offsets count code points: the slice is '#' + tag.
      String slice = text.substring(text.offsetByCodePoints(0, e.start()), text.offsetByCodePoints(0, e.end()));
      assertThat(slice).isEqualTo("#" + e.tag());
    }
    assertThat(written).as(text).isEqualTo(HashtagExtractor.entities(text));
    return written.size();
  }

  @Test
  void everyLineIsATweetWithIncreasingIdsOverOneDay() throws Exception {
    assertThat(tweets).hasSizeBetween(3000, 5000);
    assertThat(bundled.length).isLessThan(3 * 1024 * 1024);
    BigInteger previous = BigInteger.ZERO;
    Instant start = TimelineGenerator.DAY_START;
    for (JsonNode tweet : tweets) {
      TweetParser.parse(tweet.toString());
      BigInteger id = new BigInteger(tweet.get("id").asText());
      assertThat(id).isGreaterThan(previous);
      previous = id;
      Instant created = Instant.parse(tweet.get("created_at").asText());
      assertThat(created).isBetween(start, start.plusSeconds(86_400));
      assertThat(tweet.get("author_id").asText()).matches("[0-9]{1,19}");
      assertThat(tweet.get("lang").asText()).isNotBlank();
      assertThat(tweet.get("text").asText().codePointCount(0, tweet.get("text").asText().length())).isLessThanOrEqualTo(280);
    }
  }

  @Test
  void looksLikeARealTimeline() throws Exception {
    int withTags = 0;
    int withEntities = 0;
    int notes = 0;
    int notesWithEntities = 0;
    Map<String, Integer> counts = new HashMap<>();
    Set<String> javaCasings = new HashSet<>();
    Set<String> languages = new HashSet<>();
    for (JsonNode tweet : tweets) {
      List<String> tags = HashtagExtractor.hashtags(TweetParser.parse(tweet.toString()));
      languages.add(tweet.get("lang").asText());
      if (!tags.isEmpty()) {
        withTags++;
        boolean hasEntities = tweet.has("entities") || tweet.path("note_tweet").has("entities");
        withEntities += hasEntities ? 1 : 0;
      }
      if (tweet.has("note_tweet")) {
        notes++;
        notesWithEntities += tweet.get("note_tweet").has("entities") ? 1 : 0;
      }
      for (String tag : tags) {
        counts.merge(HashtagKey.fold(tag), 1, Integer::sum);
        if (HashtagKey.fold(tag).equals("java")) {
          javaCasings.add(tag);
        }
      }
    }
    assertThat(withTags).isBetween(tweets.size() * 30 / 100, tweets.size() * 40 / 100);
    assertThat(withEntities).isBetween(withTags * 40 / 100, withTags * 60 / 100);
    assertThat(notes).isBetween(10, 100);
    assertThat(notesWithEntities).isBetween(1, notes - 1);
    assertThat(counts).hasSizeBetween(150, 400);
    assertThat(javaCasings).contains("Java", "JAVA", "java");
    assertThat(counts).containsKeys("東京", "москва", "رمضان", "भारत");
    assertThat(languages).contains("en", "ja", "ar", "ru", "hi");
    // Heavy-tailed: the top tag is far above the median one.
    List<Integer> sorted = counts.values().stream().sorted().toList();
    assertThat(sorted.get(sorted.size() - 1)).isGreaterThan(20 * sorted.get(sorted.size() / 2));
  }
}
