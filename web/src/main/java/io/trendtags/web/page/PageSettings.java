package io.trendtags.web.page;

import io.javalin.http.Context;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;

/**
 * What a page's address asks for: {@code ?view=1h&source=mastodon&n=10&interval=5&theme=dark}. A person
 * typed or shared it, so a value out of range gives the default instead of an error page; the page's script
 * reads it the same way.
 *
 * @param n         how many tags, 1 to 100
 * @param intervalS seconds between two polls when the live stream is unavailable, 1 to 3600
 * @param theme     {@code auto} (the system's), {@code light} or {@code dark}
 * @param view      which ranking: all time, a window, or surging
 * @param source    whose posts: every network's, or one's
 */
public record PageSettings(int n, int intervalS, String theme, View view, Source source) {

  public static final int DEFAULT_N = 10;
  public static final int DEFAULT_INTERVAL_S = 5;
  public static final int MAX_INTERVAL_S = 3600;

  /** The settings in {@code ctx}'s query string. */
  public static PageSettings of(Context ctx) {
    return of(ctx.queryParam("n"), ctx.queryParam("interval"), ctx.queryParam("theme"), ctx.queryParam("view"),
        ctx.queryParam("source"));
  }

  static PageSettings of(String n, String interval, String theme) {
    return of(n, interval, theme, null, null);
  }

  static PageSettings of(String n, String interval, String theme, String view, String source) {
    return new PageSettings(
        wholeNumber(n, DEFAULT_N, 1, TopTags.MAX_SIZE),
        wholeNumber(interval, DEFAULT_INTERVAL_S, 1, MAX_INTERVAL_S),
        "light".equals(theme) || "dark".equals(theme) ? theme : "auto",
        View.parse(view).orElse(View.ALL),
        Source.parse(source).orElse(Source.ALL));
  }

  /** The ranking the page shows. */
  public Ranking ranking() {
    return new Ranking(view, source);
  }

  private static int wholeNumber(String text, int fallback, int min, int max) {
    if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return fallback;
    }
    return Math.min(max, Math.max(min, Integer.parseInt(text)));
  }
}
