package io.trendtags.core.tweet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.hashtag.HashtagEntity;
import io.trendtags.core.hashtag.HashtagExtractor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TweetParserTest {

  @Test
  void readsIdTextAndHashtagEntities() throws Exception {
    Tweet tweet = TweetParser.parse("""
        {"id":"1524796546306478083","created_at":"2022-05-12T17:00:00.000Z","lang":"en","author_id":"2244994945",
         "public_metrics":{"like_count":3,"nested":[1,{"a":[2]}]},
         "text":"Devs in the Details #WelcomeToOurTechTalk 🚀",
         "entities":{"urls":[{"start":0,"end":1,"url":"x"}],
                     "hashtags":[{"start":20,"end":41,"tag":"WelcomeToOurTechTalk"}]}}
        """);
    assertThat(tweet).isEqualTo(new Tweet("1524796546306478083", "Devs in the Details #WelcomeToOurTechTalk 🚀",
        List.of("WelcomeToOurTechTalk"), null, null, "2244994945", Instant.parse("2022-05-12T17:00:00Z")));
  }

  @Test
  void aTweetWithoutAuthorOrTimeHasNulls() throws Exception {
    Tweet tweet = TweetParser.parse("{\"id\":\"1\",\"text\":\"#a\"}");
    assertThat(tweet.authorId()).isNull();
    assertThat(tweet.createdAt()).isNull();
  }

  @Test
  void aCreatedAtThatIsNotAnInstantIsMalformed() {
    assertThatThrownBy(() -> TweetParser.parse("{\"id\":\"1\",\"created_at\":\"yesterday\"}"))
        .isInstanceOf(MalformedTweetException.class).hasMessageContaining("created_at \"yesterday\"");
  }

  @Test
  void readsANoteTweet() throws Exception {
    Tweet tweet = TweetParser.parse("""
        {"text":"short…","id":"7","note_tweet":{"text":"long #One #Two","entities":{"hashtags":[
          {"start":5,"end":9,"tag":"One"},{"start":10,"end":14,"tag":"Two"}]}}}
        """.getBytes(UTF_8));
    assertThat(tweet).isEqualTo(new Tweet("7", "short…", null, "long #One #Two", List.of("One", "Two")));
  }

  @Test
  void entitiesWithoutHashtagsAreNotAnEmptyList() throws Exception {
    // X omits an empty array, so "no hashtags key" means "not given": the extractor reads the text then.
    Tweet tweet = TweetParser.parse("{\"id\":\"1\",\"text\":\"#a\",\"entities\":{\"mentions\":[]}}");
    assertThat(tweet.entityTags()).isNull();
  }

  @Test
  void aTweetWithoutTextHasAnEmptyText() throws Exception {
    assertThat(TweetParser.parse("{\"id\":\"1\"}").text()).isEmpty();
  }

  @Test
  void readsAByteRange() throws Exception {
    byte[] framed = "xx{\"id\":\"42\",\"text\":\"hi\"}yy".getBytes(UTF_8);
    assertThat(TweetParser.parse(framed, 2, framed.length - 4).id()).isEqualTo("42");
  }

  @Test
  void recordedTweetEntitiesAgreeWithTwitterTextInCodePoints() throws Exception {
    // A real v2 response where emoji precede the hashtags: X counts code points.
    Path file = Path.of(System.getProperty("trendtags.home", "."))
        .resolve("../shared/reference/x-api/samples/twittered/tweet_list_v2_example.json");
    JsonNode recorded = new ObjectMapper().readTree(file.toFile()).get("data").get(0);
    Tweet tweet = TweetParser.parse(recorded.toString());
    List<HashtagEntity> fromText = HashtagExtractor.entities(tweet.text());
    List<HashtagEntity> fromX = new ArrayList<>();
    recorded.get("entities").get("hashtags").forEach(h ->
        fromX.add(new HashtagEntity(h.get("tag").asText(), h.get("start").asInt(), h.get("end").asInt())));
    assertThat(fromX).hasSize(7);
    assertThat(fromText).isEqualTo(fromX);
    assertThat(HashtagExtractor.hashtags(tweet)).containsExactly(
        "java", "twitter", "api", "twitterapi", "dev", "backend", "softwaredevelopment");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``                                            | empty value",
      "`   `                                         | empty value",
      "{                                             | not valid JSON",
      "{\"id\":\"1\",                                | not valid JSON",
      "not json                                      | not valid JSON",
      "{'id':'1'}                                    | not valid JSON",
      "[{\"id\":\"1\"}]                              | not a JSON object but an array",
      "\"just a string\"                             | not a JSON object but a string",
      "42                                            | not a JSON object but a number",
      "null                                          | not a JSON object but null",
      "{}                                            | id is missing",
      "{\"text\":\"#a\"}                             | id is missing",
      "{\"id\":1}                                    | id is a number, not a string",
      "{\"id\":null}                                 | id is null, not a string",
      "{\"id\":\"\"}                                 | is not a tweet id",
      "{\"id\":\"abc\"}                              | is not a tweet id",
      "{\"id\":\"1234567890123456789012345\"}        | is not a tweet id",
      "{\"id\":\"1\",\"text\":7}                     | text is a number, not a string",
      "{\"id\":\"1\",\"text\":null}                  | text is null, not a string",
      "{\"id\":\"1\",\"text\":[\"a\"]}               | text is an array, not a string",
      "{\"id\":\"1\"} {\"id\":\"2\"}                 | unexpected content after the tweet object",
      "{\"id\":\"1\"} trailing                       | not valid JSON",
      "{\"id\":\"1\",\"entities\":[]}                | entities is an array, not an object",
      "{\"id\":\"1\",\"entities\":{\"hashtags\":{}}} | entities.hashtags is an object, not an array",
      "{\"id\":\"1\",\"entities\":{\"hashtags\":[1]}} | entities.hashtags[0] is a number, not an object",
      "{\"id\":\"1\",\"entities\":{\"hashtags\":[{\"start\":0}]}} | entities.hashtags[0] has no tag",
      "{\"id\":\"1\",\"entities\":{\"hashtags\":[{\"tag\":5}]}}  | entities.hashtags[0].tag is a number",
      "{\"id\":\"1\",\"note_tweet\":\"x\"}           | note_tweet is a string, not an object",
      "{\"id\":\"1\",\"note_tweet\":{\"text\":false}} | note_tweet.text is a boolean, not a string",
  })
  void rejectsWhatIsNotATweetWithAReason(String json, String reason) {
    assertThatThrownBy(() -> TweetParser.parse(json))
        .isInstanceOf(MalformedTweetException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsNullAndEmptyBytes() {
    assertThatThrownBy(() -> TweetParser.parse((byte[]) null)).isInstanceOf(MalformedTweetException.class);
    assertThatThrownBy(() -> TweetParser.parse(new byte[0])).hasMessage("empty value");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] bad = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThatThrownBy(() -> TweetParser.parse(bad))
        .isInstanceOf(MalformedTweetException.class)
        .hasMessageStartingWith("not valid JSON");
  }

  @Test
  void binaryGarbageOnlyEverGivesMalformedTweetException() {
    SplittableRandom random = new SplittableRandom(20261125);
    for (int i = 0; i < 20_000; i++) {
      byte[] garbage = new byte[random.nextInt(1, 64)];
      for (int j = 0; j < garbage.length; j++) {
        garbage[j] = (byte) random.nextInt(256);
      }
      if (i % 2 == 0) {
        garbage[0] = '{'; // get past the first token now and then
      }
      Throwable thrown = catchThrowable(() -> TweetParser.parse(garbage));
      assertThat(thrown).as("input %s", java.util.Arrays.toString(garbage)).isInstanceOf(MalformedTweetException.class);
      assertThat(((MalformedTweetException) thrown).reason()).isNotBlank();
    }
  }
}
