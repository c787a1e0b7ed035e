package io.trendtags.client.feed;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far back the first run reads: a number of posts ({@code 500}) or an age ({@code 24h}, {@code 90m},
 * {@code 7d}, {@code PT6H}). Either way never more than {@link #MAX_TWEETS}: X's home timeline itself
 * stops at about that many.
 *
 * @param tweets the most posts to read
 * @param age    the oldest tweet's greatest age, or null for no age bound
 */
public record BackfillLimit(int tweets, Duration age) {

  public static final int MAX_TWEETS = 3200;
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhdw])");

  /**
   * Parses {@code --backfill}.
   *
   * @throws IllegalArgumentException with a message saying what is accepted
   */
  public static BackfillLimit parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.matches("\\d+")) {
      long count = Long.parseLong(text);
      return new BackfillLimit((int) Math.min(count, MAX_TWEETS), null);
    }
    Matcher shortForm = SHORT.matcher(text);
    Duration age = null;
    if (shortForm.matches()) {
      long n = Long.parseLong(shortForm.group(1));
      age = switch (shortForm.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    } else {
      try {
        age = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        age = null;
      }
    }
    if (age == null || age.isNegative()) {
      throw new IllegalArgumentException("--backfill must be a number of posts (500) or an age (24h, 90m, 7d, PT6H), not '"
          + value + "'");
    }
    return new BackfillLimit(MAX_TWEETS, age);
  }

  @Override
  public String toString() {
    return age == null ? tweets + " posts" : "posts of the last " + age.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
