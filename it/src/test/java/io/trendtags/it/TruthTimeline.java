package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.TopTagsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Tweets whose hashtags the test knows by construction, so the expected counts come from the test's own
 * bookkeeping, not from the extraction code under test. Seeded: every run sends the same tweets.
 *
 * <p>Each tweet carries 0-3 tags from a small vocabulary in one of three casings ({@code Java},
 * {@code java}, {@code JAVA}); some carry {@code entities.hashtags} as X sends them, the rest leave the
 * tags to be found in the text.
 */
final class TruthTimeline {

  private static final String[] WORDS = {
    "Java", "Kafka", "Spark", "HBase", "Streaming", "OpenSource", "DataEng", "Cloud", "Rust", "Python",
    "Scala", "JVM", "Linux", "DevOps", "BigData", "AI", "Music", "Football", "Coffee", "Monday",
    "Tokyo", "東京", "Москва", "Café", "NewYork", "Climate", "Books", "Cats", "Science", "Art"};
  private static final String[] EMOJI = {"🚀", "☕", "🎉", "🔥", "", "", ""};

  private static final List<View> COUNTED_VIEWS = List.of(View.ALL, View.LAST_15_MINUTES, View.LAST_HOUR, View.LAST_24_HOURS);

  private final Random random;
  private final Map<String, Set<String>> tweetsByKey = new HashMap<>();
  private final Map<String, Map<String, Integer>> casingsByKey = new HashMap<>();
  private final Map<String, Set<String>> authorsByKey = new HashMap<>();
  private long nextId;
  private int rejected;

  TruthTimeline(long seed, long firstId) {
    this.random = new Random(seed);
    this.nextId = firstId;
  }

  /** A new tweet (JSON), recorded in the truth. */
  String tweet() {
    String id = Long.toString(nextId++);
    String author = Integer.toString(100 + random.nextInt(12));
    int n = random.nextInt(4);
    Set<String> tags = new LinkedHashSet<>();
    Map<String, String> casingOfKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String word = WORDS[(int) Math.min(WORDS.length - 1, Math.abs(random.nextGaussian()) * 8)];
      String casing = switch (random.nextInt(3)) {
        case 0 -> word;
        case 1 -> word.toLowerCase(Locale.ROOT);
        default -> word.toUpperCase(Locale.ROOT);
      };
      String key = word.toLowerCase(Locale.ROOT);
      if (casingOfKey.putIfAbsent(key, casing) == null) {
        tags.add(casing);
      }
    }
    StringBuilder text = new StringBuilder(EMOJI[random.nextInt(EMOJI.length)]).append(" post ").append(id);
    List<String> entities = new ArrayList<>();
    for (String tag : tags) {
      int start = text.codePointCount(0, text.length()) + 1;
      text.append(" #").append(tag);
      entities.add(String.format("{\"start\":%d,\"end\":%d,\"tag\":\"%s\"}", start, start + 1 + tag.codePointCount(0, tag.length()), tag));
      String key = tag.toLowerCase(Locale.ROOT);
      tweetsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(id);
      authorsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(author);
      casingsByKey.computeIfAbsent(key, k -> new HashMap<>()).merge(tag, 1, Integer::sum);
    }
    boolean withEntities = !tags.isEmpty() && random.nextBoolean();
    return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"author_id\":\"" + author + "\",\"created_at\":\"2026-11-25T10:00:00.000Z\""
        + (withEntities ? ",\"entities\":{\"hashtags\":[" + String.join(",", entities) + "]}" : "") + "}";
  }

  /**
   * A record that must be set aside, of one of several kinds, recorded as rejected: not JSON, cut short,
   * wrong types, no id, not an object, binary, no value at all (null), or a tweet whose one tag in
   * {@code entities} is not a hashtag (empty, a control character, markup) or too long (10,000 chars).
   * {@code null} stands for a record without a value.
   */
  byte[] poison() {
    rejected++;
    return switch (random.nextInt(11)) {
      case 0 -> "this is not JSON {".getBytes(StandardCharsets.UTF_8);
      case 1 -> "{\"id\": 12345, \"text\": \"#numeric id\"}".getBytes(StandardCharsets.UTF_8);
      case 2 -> "{\"text\": \"#no id at all\"}".getBytes(StandardCharsets.UTF_8);
      case 3 -> "[\"an\", \"array\"]".getBytes(StandardCharsets.UTF_8);
      case 4 -> "{\"id\": \"%d\", \"text\": 5}".formatted(nextId++).getBytes(StandardCharsets.UTF_8);
      case 5 -> {
        byte[] whole = tweet(nextId++, "#Java", "Java").getBytes(StandardCharsets.UTF_8);
        yield Arrays.copyOf(whole, whole.length / 2);
      }
      case 6 -> tweet(nextId++, "look #", "").getBytes(StandardCharsets.UTF_8);
      case 7 -> tweet(nextId++, "look #bell\\u0007", "bell\\u0007").getBytes(StandardCharsets.UTF_8);
      case 8 -> tweet(nextId++, "look", "<b>bold</b>").getBytes(StandardCharsets.UTF_8);
      case 9 -> tweet(nextId++, "look", "x".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
      case 10 -> null;
      default -> new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, 0x7B};
    };
  }

  /** A record of about {@code bytes} bytes that must be set aside: binary, or a tweet whose one tag fills it. */
  byte[] largePoison(int bytes, boolean binary) {
    rejected++;
    if (binary) {
      byte[] value = new byte[bytes];
      random.nextBytes(value);
      value[0] = (byte) 0xFF; // never the start of JSON
      return value;
    }
    return tweet(nextId++, "look", "y".repeat(bytes - 200)).getBytes(StandardCharsets.UTF_8);
  }

  /** A tweet (JSON; {@code text} and {@code tag} already escaped) whose one entity hashtag is {@code tag}. */
  private static String tweet(long id, String text, String tag) {
    return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\",\"entities\":{\"hashtags\":[{\"start\":5,\"end\":6,\"tag\":\""
        + tag + "\"}]}}";
  }

  /** Writes {@code tweets} new tweets to {@code file}, one JSON per line, as a replay reads them. */
  Path writeTimeline(Path file, int tweets) throws IOException {
    List<String> lines = new ArrayList<>(tweets);
    for (int i = 0; i < tweets; i++) {
      lines.add(tweet());
    }
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Expected count per case-folded tag: the number of distinct tweets that used it. */
  Map<String, Long> expectedCounts() {
    Map<String, Long> counts = new HashMap<>();
    tweetsByKey.forEach((key, ids) -> counts.put(key, (long) ids.size()));
    return counts;
  }

  /** Expected distinct authors per case-folded tag. */
  Map<String, Long> expectedAuthors() {
    Map<String, Long> authors = new HashMap<>();
    authorsByKey.forEach((key, ids) -> authors.put(key, (long) ids.size()));
    return authors;
  }

  /** The casing a tag should be shown in: the one used most, ties to the one that sorts first. */
  String expectedCasing(String key) {
    return casingsByKey.get(key).entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .findFirst().orElseThrow().getKey();
  }

  /**
   * Asserts that each view with a ground truth here (every tweet shares one created_at minute, so all time and
   * the three windows) holds exactly the truth's counts and authors, and all time its rejected count.
   */
  void assertViewsEqualTruth(TopTagsTable table) {
    assertThat(expectedCounts()).isNotEmpty().hasSizeLessThanOrEqualTo(TopTags.MAX_SIZE); // each stored list holds every tag
    for (View view : COUNTED_VIEWS) {
      TopTags top = table.read(view).orElse(TopTags.empty());
      Map<String, Long> counted = new HashMap<>();
      Map<String, Long> authors = new HashMap<>();
      top.tags().forEach(tag -> counted.put(tag.tag().toLowerCase(Locale.ROOT), tag.count()));
      top.tags().forEach(tag -> authors.put(tag.tag().toLowerCase(Locale.ROOT), tag.authors()));
      assertThat(counted).as("counts of view %s", view.id()).isEqualTo(expectedCounts());
      assertThat(authors).as("authors of view %s", view.id()).isEqualTo(expectedAuthors());
    }
    assertThat(table.read(View.ALL).orElseThrow().rejected()).as("rejected").isEqualTo(expectedRejected());
  }

  long expectedRejected() {
    return rejected;
  }

  Random random() {
    return random;
  }
}
