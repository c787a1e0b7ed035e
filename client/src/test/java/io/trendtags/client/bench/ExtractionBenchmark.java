package io.trendtags.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twitter.twittertext.Extractor;
import io.trendtags.client.replay.TimelineSource;
import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.post.PostParser;
import io.trendtags.core.tweet.TweetParser;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Throughput of hashtag extraction on the bundled timeline, one thread. A measurement, not a test: its
 * name keeps it out of {@code mvn test}. Run it with
 * {@code mvn -o -pl client test -Dtest=ExtractionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ExtractionBenchmark {

  private static final int ROUNDS = 40;

  /** What databind would need: the same fields as {@code Tweet}, as a record. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record BoundTweet(String id, String text, BoundEntities entities, BoundNote note_tweet) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BoundEntities(List<BoundTag> hashtags) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BoundTag(String tag) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record BoundNote(String text, BoundEntities entities) {}

  @Test
  void measure() throws Exception {
    List<byte[]> values = new ArrayList<>();
    try (BufferedReader lines = TimelineSource.bundled().open()) {
      String line;
      while ((line = lines.readLine()) != null) {
        values.add(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    ObjectMapper mapper = new ObjectMapper();
    Extractor twitterText = new Extractor();

    run("(JIT warm-up of both paths)", values, v -> HashtagExtractor.hashtags(PostParser.parse(v).content()).size()
        + HashtagExtractor.hashtags(TweetParser.parse(v)).size());
    long tags = run("X parse + extraction (X alone, as before other networks)", values, v ->
        HashtagExtractor.hashtags(TweetParser.parse(v)).size());
    run("any network's parse + extraction (the job's path)", values, v ->
        HashtagExtractor.hashtags(PostParser.parse(v).content()).size());
    run("streaming parse only", values, v -> TweetParser.parse(v).id().length());
    run("databind record parse only", values, v -> mapper.readValue(v, BoundTweet.class).id().length());
    run("twitter-text on every text, no fast path, no entities", values, v ->
        twitterText.extractHashtags(TweetParser.parse(v).text()).size());
    assertThat(tags).isGreaterThan(1000);
  }

  interface Work {
    long apply(byte[] value) throws Exception;
  }

  private static long run(String what, List<byte[]> values, Work work) throws Exception {
    long checksum = 0;
    for (int round = 0; round < ROUNDS / 2; round++) { // warm-up: JIT and regex caches
      for (byte[] v : values) {
        checksum += work.apply(v);
      }
    }
    long perRound = 0;
    long start = System.nanoTime();
    for (int round = 0; round < ROUNDS; round++) {
      perRound = 0;
      for (byte[] v : values) {
        perRound += work.apply(v);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%-58s %,12.0f tweets/s (%d tweets x %d rounds, checksum %d)%n",
        what, values.size() * ROUNDS / seconds, values.size(), ROUNDS, checksum + perRound);
    return perRound;
  }
}
