package io.trendtags.client.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trendtags.client.replay.TimelineVocabulary.Language;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An endless home timeline made up as it is sent, the same for the same seed and times: X API v2 Tweet
 * objects stamped with the moment they are made, whose hashtags rise and fade, with a scripted surge
 * every few minutes. What the demo plays, so a newcomer sees the windows differ and a tag surge.
 *
 * <p>How it is made to look like a home timeline: each tag has its own circle of authors who use it
 * (a few for a tail tag, a few dozen for a popular one), picked by a Zipf-like popularity that drifts
 * up and down with a period of its own (20 to 90 minutes). A surge takes a quiet tag and, for
 * {@code surgeLength}, puts it in a quarter of all tweets by authors from the whole timeline: many
 * more distinct authors than its circle, which is what the surge score measures. The first surge
 * starts a minute after the timeline does.
 */
public final class SyntheticTimeline {

  static final int AUTHORS = 600;
  private static final long SNOWFLAKE_EPOCH = 1_288_834_974_657L;
  private static final JsonFactory JSON = new JsonFactory();
  /** The tags that may surge: outside the popular head, so a surge is news. */
  private static final int QUIET_FROM_RANK = 40;

  private final SplittableRandom random;
  private final Instant start;
  private final Duration surgeEvery;
  private final Duration surgeLength;
  private final List<String> tags = TimelineVocabulary.TAGS;
  private final String[] authors = new String[AUTHORS];
  private final int[][] circles;
  /** For each author, the tags whose circle they are in: a second tag in a tweet comes from these. */
  private final int[][] interests;
  private final double[] periodMinutes;
  private final double[] phase;
  private final double[] cumulative;
  private long weightsMinute = Long.MIN_VALUE;
  private long lastMillis;
  private int sequence;

  public SyntheticTimeline(long seed, Instant start, Duration surgeEvery, Duration surgeLength) {
    if (surgeEvery.isNegative() || surgeEvery.isZero() || surgeLength.compareTo(surgeEvery) > 0) {
      throw new IllegalArgumentException("a surge must come every positive interval and last no longer than it");
    }
    this.random = new SplittableRandom(seed);
    this.start = start;
    this.surgeEvery = surgeEvery;
    this.surgeLength = surgeLength;
    for (int i = 0; i < AUTHORS; i++) {
      authors[i] = Long.toString(1_000_000L + random.nextLong(1_000_000_000_000L));
    }
    circles = new int[tags.size()][];
    periodMinutes = new double[tags.size()];
    phase = new double[tags.size()];
    cumulative = new double[tags.size()];
    for (int r = 0; r < tags.size(); r++) {
      int size = Math.max(3, (int) (60 / Math.sqrt(r + 1)));
      circles[r] = random.ints(size, 0, AUTHORS).toArray();
      periodMinutes[r] = 20 + random.nextInt(71);
      phase[r] = random.nextDouble(2 * Math.PI);
    }
    List<List<Integer>> byAuthor = new ArrayList<>();
    for (int a = 0; a < AUTHORS; a++) {
      byAuthor.add(new ArrayList<>());
    }
    for (int r = 0; r < circles.length; r++) {
      for (int a : circles[r]) {
        byAuthor.get(a).add(r);
      }
    }
    interests = byAuthor.stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  /** The tag surging at {@code now}, or null between surges. */
  public String surgingAt(Instant now) {
    long sinceStart = Duration.between(start, now).toMillis() - Duration.ofMinutes(1).toMillis();
    if (sinceStart < 0) {
      return null;
    }
    long index = sinceStart / surgeEvery.toMillis();
    if (sinceStart % surgeEvery.toMillis() >= surgeLength.toMillis()) {
      return null;
    }
    // The same surge index always picks the same quiet tag: a function of the seed, not of the calls.
    SplittableRandom pick = new SplittableRandom(index * 0x9E3779B97F4A7C15L ^ circles.length);
    return tags.get(QUIET_FROM_RANK + pick.nextInt(tags.size() - QUIET_FROM_RANK));
  }

  /** The next tweet, made at {@code now}: its JSON and its id. */
  public Made next(Instant now) {
    long millis = now.toEpochMilli();
    sequence = millis == lastMillis ? sequence + 1 : 0;
    lastMillis = millis;
    String id = Long.toString(((millis - SNOWFLAKE_EPOCH) << 22) | (2L << 12) | (sequence & 0xFFF));
    List<String> used = new ArrayList<>(2);
    int author;
    String surging = surgingAt(now);
    if (surging != null && random.nextInt(4) == 0) {
      used.add(surging);
      author = random.nextInt(AUTHORS);
    } else {
      int rank = pickRank(now);
      used.add(tags.get(rank));
      author = circles[rank][random.nextInt(circles[rank].length)];
    }
    // Now and then a second tag, one of the author's own: a tag's authors stay its circle.
    if (random.nextInt(4) == 0 && interests[author].length > 0) {
      String second = tags.get(interests[author][random.nextInt(interests[author].length)]);
      if (!used.contains(second)) {
        used.add(second);
      }
    }
    Language language = TimelineVocabulary.LANGUAGES.get(random.nextInt(TimelineVocabulary.LANGUAGES.size()));
    StringBuilder text = new StringBuilder(language.sentences().get(random.nextInt(language.sentences().size())));
    used.forEach(tag -> text.append(" #").append(tag));
    return new Made(id, json(id, now, authors[author], language.code(), text.toString()));
  }

  /** A tweet: its id and its JSON (UTF-8). */
  public record Made(String id, byte[] json) {}

  private int pickRank(Instant now) {
    long minute = now.getEpochSecond() / 60;
    if (minute != weightsMinute) {
      // Popularity drifts minute by minute: 1/(rank+1), times a slow wave of the tag's own.
      double total = 0;
      for (int r = 0; r < cumulative.length; r++) {
        double wave = 1 + 0.8 * Math.sin(2 * Math.PI * minute / periodMinutes[r] + phase[r]);
        total += (1.0 / (r + 1)) * wave;
        cumulative[r] = total;
      }
      weightsMinute = minute;
    }
    double x = random.nextDouble(cumulative[cumulative.length - 1]);
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static byte[] json(String id, Instant createdAt, String author, String lang, String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeStringField("created_at", createdAt.toString());
      json.writeStringField("author_id", author);
      json.writeStringField("lang", lang);
      json.writeStringField("text", text);
      if (id.hashCode() % 2 == 0) {
        TimelineGenerator.writeEntities(json, text);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
