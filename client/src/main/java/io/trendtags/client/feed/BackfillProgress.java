package io.trendtags.client.feed;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The first run's progress through the backfill: on a terminal a bar redrawn in place (on stderr, so
 * stdout keeps only the READY line), elsewhere a plain line per page for the log.
 */
public final class BackfillProgress {

  private static final int WIDTH = 30;

  private final BackfillLimit limit;
  private final PrintStream terminal;
  private final Consumer<String> lines;

  /**
   * @param terminal where to draw the bar, or null to write plain lines to {@code lines} instead
   */
  public BackfillProgress(BackfillLimit limit, PrintStream terminal, Consumer<String> lines) {
    this.limit = limit;
    this.terminal = terminal;
    this.lines = lines;
  }

  /** After each page: posts read so far, and the oldest one's age (null if unknown). */
  public void page(int pages, int tweets, Duration oldestAge) {
    double done = limit.age() != null && oldestAge != null
        ? (double) oldestAge.toSeconds() / Math.max(1, limit.age().toSeconds())
        : (double) tweets / limit.tweets();
    done = Math.max(0, Math.min(1, done));
    String age = oldestAge == null ? "" : ", back " + human(oldestAge);
    if (terminal != null) {
      int filled = (int) Math.round(done * WIDTH);
      terminal.print(String.format(Locale.ROOT, "\rbackfill [%s%s] %3d%% %d posts%s   ",
          "#".repeat(filled), " ".repeat(WIDTH - filled), Math.round(done * 100), tweets, age));
      terminal.flush();
    } else {
      lines.accept(String.format(Locale.ROOT, "backfill: page %d, %d posts%s (%d%% of %s)",
          pages, tweets, age, Math.round(done * 100), limit));
    }
  }

  /** The backfill is read. */
  public void done(int tweets) {
    if (terminal != null) {
      terminal.println();
    }
    lines.accept("backfill: " + tweets + " post(s) read");
  }

  private static String human(Duration age) {
    if (age.toDays() > 0) {
      return age.toDays() + "d " + age.toHoursPart() + "h";
    }
    if (age.toHours() > 0) {
      return age.toHours() + "h " + age.toMinutesPart() + "m";
    }
    return age.toMinutes() + "m";
  }
}
