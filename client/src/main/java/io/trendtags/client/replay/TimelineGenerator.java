package io.trendtags.client.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trendtags.client.replay.TimelineVocabulary.Language;
import io.trendtags.core.hashtag.HashtagEntity;
import io.trendtags.core.hashtag.HashtagExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A realistic home timeline, the same bytes for the same seed: X API v2 Tweet objects, one JSON per line.
 *
 * <p>One day of tweets, oldest first, with snowflake-like increasing ids; about a third have hashtags,
 * drawn with Zipf-like frequencies from a few hundred tags in many scripts and casings. Half of the
 * tweets with hashtags carry X's {@code entities.hashtags} (start/end in code points), the other half
 * must be extracted from the text. A few are long posts with a {@code note_tweet}. Every hashtag the
 * generator puts in a text is checked against twitter-text, so the file is its own ground truth.
 */
public final class TimelineGenerator {

  /** The seed and size of the bundled timeline. */
  public static final long BUNDLED_SEED = 20261124L;
  public static final int BUNDLED_COUNT = 4000;

  static final Instant DAY_START = Instant.parse("2026-11-24T00:00:00Z");
  private static final long DAY_MILLIS = 86_400_000L;
  private static final long SNOWFLAKE_EPOCH = 1_288_834_974_657L;
  private static final int SHORT_POST_CODE_POINTS = 280;
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

  private final long seed;
  private final int count;
  private final double[] zipfCumulative;
  private final int languageWeightTotal;
  private final String[] authors;

  public TimelineGenerator(long seed, int count) {
    this.seed = seed;
    this.count = count;
    this.zipfCumulative = zipfCumulative(TimelineVocabulary.TAGS.size());
    this.languageWeightTotal = TimelineVocabulary.LANGUAGES.stream().mapToInt(Language::weight).sum();
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.authors = new String[400];
    for (int i = 0; i < authors.length; i++) {
      authors[i] = Long.toString(random.nextLong(10_000_000L, 1_600_000_000_000_000_000L));
    }
  }

  /** The bundled timeline's generator. */
  public static TimelineGenerator bundled() {
    return new TimelineGenerator(BUNDLED_SEED, BUNDLED_COUNT);
  }

  /** Writes the timeline, one Tweet object per line, each line ending in '\n'. */
  public void write(Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      times[i] = DAY_START.toEpochMilli() + random.nextLong(DAY_MILLIS);
    }
    Arrays.sort(times);
    long previousMillis = -1;
    int sequence = 0;
    for (int i = 0; i < count; i++) {
      sequence = times[i] == previousMillis ? sequence + 1 : random.nextInt(0, 64);
      previousMillis = times[i];
      long id = ((times[i] - SNOWFLAKE_EPOCH) << 22) | (1L << 12) | sequence;
      writeTweet(out, random, Long.toString(id), times[i]);
    }
    out.flush();
  }

  /** The timeline as one string (tests, and to compare with the bundled file). */
  public String generate() {
    java.io.StringWriter out = new java.io.StringWriter(count * 300);
    try {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void writeTweet(Writer out, SplittableRandom random, String id, long millis) throws IOException {
    Language language = pickLanguage(random);
    List<String> tags = random.nextInt(100) < 34 ? pickTags(random) : List.of();
    boolean longPost = !tags.isEmpty() && random.nextInt(100) < 3;
    String text = longPost ? longText(random, language, tags) : shortText(random, language, tags);
    boolean withEntities = !tags.isEmpty() && random.nextBoolean();
    checkGroundTruth(id, text, tags);

    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeStringField("created_at", CREATED_AT.format(Instant.ofEpochMilli(millis)));
      json.writeStringField("author_id", authors[random.nextInt(authors.length)]);
      json.writeStringField("lang", language.code());
      if (longPost) {
        String shown = truncate(text);
        json.writeStringField("text", shown);
        if (withEntities) {
          writeEntities(json, shown);
        }
        json.writeObjectFieldStart("note_tweet");
        json.writeStringField("text", text);
        if (withEntities) {
          writeEntities(json, text);
        }
        json.writeEndObject();
      } else {
        json.writeStringField("text", text);
        if (withEntities) {
          writeEntities(json, text);
        }
      }
      json.writeEndObject();
    }
    out.write('\n');
  }

  /** X's {@code entities.hashtags} for a text, or nothing when it has none (X omits empty arrays). */
  /** X's {@code entities.hashtags} for {@code text}, as twitter-text finds them (start and end in code points). */
  static void writeEntities(JsonGenerator json, String text) throws IOException {
    List<HashtagEntity> entities = HashtagExtractor.entities(text);
    if (entities.isEmpty()) {
      return;
    }
    json.writeObjectFieldStart("entities");
    json.writeArrayFieldStart("hashtags");
    for (HashtagEntity e : entities) {
      json.writeStartObject();
      json.writeNumberField("start", e.start());
      json.writeNumberField("end", e.end());
      json.writeStringField("tag", e.tag());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private String shortText(SplittableRandom random, Language language, List<String> tags) {
    StringBuilder text = new StringBuilder();
    int roll = random.nextInt(100);
    if (roll < 8) {
      text.append("RT @").append(handle(random)).append(": ");
    } else if (roll < 25) {
      text.append('@').append(handle(random)).append(' ');
    }
    String sentence = pick(random, language.sentences());
    List<String> rest = tags;
    if (!tags.isEmpty() && random.nextInt(100) < 30) {
      // A tag inside the sentence: "Loving #Kafka today" rather than a trailing list.
      int space = sentence.indexOf(' ');
      if (space > 0) {
        sentence = sentence.substring(0, space) + " #" + tags.get(0) + sentence.substring(space);
        rest = tags.subList(1, tags.size());
      }
    }
    text.append(sentence);
    if (random.nextInt(100) < 4) {
      text.append(". ").append(pick(random, TimelineVocabulary.NUMBER_SIGNS_THAT_ARE_NOT_HASHTAGS));
    }
    if (random.nextInt(100) < 30) {
      text.append(' ').append(pick(random, TimelineVocabulary.EMOJI));
    }
    if (random.nextInt(100) < 20) {
      text.append(' ').append(tcoUrl(random));
    }
    for (String tag : rest) {
      text.append(" #").append(tag);
    }
    if (random.nextInt(100) < 10) {
      text.append(' ').append(pick(random, TimelineVocabulary.EMOJI));
    }
    return text.toString();
  }

  /** A long post: several sentences past X's 280, its hashtags at the end, beyond the truncated text. */
  private String longText(SplittableRandom random, Language language, List<String> tags) {
    StringBuilder text = new StringBuilder();
    while (text.codePointCount(0, text.length()) < SHORT_POST_CODE_POINTS + 40) {
      text.append(pick(random, language.sentences())).append(". ");
      if (random.nextInt(4) == 0) {
        text.append(pick(random, TimelineVocabulary.EMOJI)).append(' ');
      }
    }
    text.append(tcoUrl(random));
    for (String tag : tags) {
      text.append(" #").append(tag);
    }
    return text.toString();
  }

  /** The {@code text} X shows for a long post: its start, cut at a space, and an ellipsis. */
  private static String truncate(String text) {
    int end = text.offsetByCodePoints(0, SHORT_POST_CODE_POINTS - 1);
    int space = text.lastIndexOf(' ', end);
    return text.substring(0, space > 0 ? space : end) + "…";
  }

  private List<String> pickTags(SplittableRandom random) {
    int roll = random.nextInt(100);
    int n = roll < 58 ? 1 : roll < 86 ? 2 : roll < 96 ? 3 : 4 + random.nextInt(2);
    List<String> tags = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tags.add(casing(random, TimelineVocabulary.TAGS.get(zipfRank(random))));
    }
    return tags;
  }

  private static String casing(SplittableRandom random, String tag) {
    if (!TimelineVocabulary.MIXED_CASE.contains(tag)) {
      return tag;
    }
    int roll = random.nextInt(100);
    return roll < 60 ? tag : roll < 80 ? tag.toLowerCase(Locale.ROOT) : tag.toUpperCase(Locale.ROOT);
  }

  private int zipfRank(SplittableRandom random) {
    int i = Arrays.binarySearch(zipfCumulative, random.nextDouble());
    return Math.min(i >= 0 ? i : -i - 1, zipfCumulative.length - 1);
  }

  private static double[] zipfCumulative(int n) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int rank = 1; rank <= n; rank++) {
      sum += 1.0 / rank;
      cumulative[rank - 1] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    return cumulative;
  }

  private Language pickLanguage(SplittableRandom random) {
    int roll = random.nextInt(languageWeightTotal);
    for (Language language : TimelineVocabulary.LANGUAGES) {
      roll -= language.weight();
      if (roll < 0) {
        return language;
      }
    }
    throw new AssertionError("weights cover the range");
  }

  private static String handle(SplittableRandom random) {
    return pick(random, List.of("jessicagarson", "kafka_dev", "sparkdaily", "hbase_ops", "dataeng_jp",
        "maria_codes", "tokyo_dev", "ahmed_data", "ivan_streams", "priya_ml", "TwitterDev", "news_bot"));
  }

  private static String tcoUrl(SplittableRandom random) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder url = new StringBuilder("https://t.co/");
    for (int i = 0; i < 10; i++) {
      url.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return url.toString();
  }

  private static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** The text must give exactly the hashtags put in it, or the file would lie about its own counts. */
  private static void checkGroundTruth(String id, String text, List<String> tags) {
    List<String> found = HashtagExtractor.hashtags(text);
    if (!found.equals(tags)) {
      throw new IllegalStateException("tweet " + id + ": put " + tags + " in the text, twitter-text finds " + found
          + " in: " + text);
    }
  }
}
