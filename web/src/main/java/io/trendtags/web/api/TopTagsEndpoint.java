package io.trendtags.web.api;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.web.source.LatestTopTags;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/top?view=all&n=10&source=all}: the top {@code n} hashtags (1 to 100, default 10) of a view
 * ({@code all}, {@code 15m}, {@code 1h}, {@code 24h}, {@code surge}; default {@code all}) of every network's
 * posts or of one's ({@code source}: {@code all}, {@code x}, {@code mastodon}, {@code bluesky}; default
 * {@code all}), highest first, from the shared cache; a bad {@code n}, {@code view} or {@code source} gives
 * 400 and a JSON error. The other endpoints take these parameters through the same methods.
 */
public final class TopTagsEndpoint implements Handler {

  public static final String PATH = "/api/top";
  static final int DEFAULT_N = 10;
  static final int MAX_N = TopTags.MAX_SIZE;
  private static final int MAX_N_DIGITS = String.valueOf(MAX_N).length();
  // Enough to see what was sent, not enough to echo an arbitrarily long query back.
  private static final int MAX_ECHO = 20;

  private final Map<Ranking, LatestTopTags> latest;
  private final TopTagsBodies bodies;

  public TopTagsEndpoint(Map<Ranking, LatestTopTags> latest, TopTagsBodies bodies) {
    this.latest = latest;
    this.bodies = bodies;
  }

  @Override
  public void handle(Context ctx) {
    String raw = ctx.queryParam("n");
    Integer n = parseN(raw);
    Optional<View> view = parseView(ctx.queryParam("view"));
    Optional<Source> source = parseSource(ctx.queryParam("source"));
    // Every answer may change a second later: no browser or proxy should keep it.
    ctx.header("Cache-Control", "no-store");
    if (n == null) {
      ctx.status(HttpStatus.BAD_REQUEST).json(badN(raw));
      return;
    }
    if (view.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST).json(badView(ctx.queryParam("view")));
      return;
    }
    if (source.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST).json(badSource(ctx.queryParam("source")));
      return;
    }
    Ranking ranking = new Ranking(view.get(), source.get());
    ctx.contentType(ContentType.APPLICATION_JSON).result(bodies.current(ranking, latest.get(ranking), n).utf8());
  }

  /** {@code view} from the query, {@code all} if absent, or empty if it names no view. */
  static Optional<View> parseView(String raw) {
    return raw == null ? Optional.of(View.ALL) : View.parse(raw);
  }

  /** The error for a {@code view} that {@link #parseView(String)} refused. */
  static ErrorJson badView(String raw) {
    return new ErrorJson("view must be one of " + View.ids() + ", got '" + echo(raw) + "'");
  }

  /** {@code source} from the query, {@code all} if absent, or empty if it names no source. */
  static Optional<Source> parseSource(String raw) {
    return raw == null ? Optional.of(Source.ALL) : Source.parse(raw);
  }

  /** The error for a {@code source} that {@link #parseSource(String)} refused. */
  static ErrorJson badSource(String raw) {
    return new ErrorJson("source must be one of " + Source.ids() + ", got '" + echo(raw) + "'");
  }

  /** {@code n} from the query, the default if absent, or null if it is not a whole number in range. */
  static Integer parseN(String raw) {
    if (raw == null) {
      return DEFAULT_N;
    }
    // Digits only: Integer.parseInt would also take "+5", and "99999999999" must be a 400, not an overflow.
    // A plain loop: a stream of the characters was a fiftieth of the app's CPU under wrk.
    if (raw.isEmpty() || raw.length() > MAX_N_DIGITS) {
      return null;
    }
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      n = n * 10 + (c - '0');
    }
    return n >= 1 && n <= MAX_N ? n : null;
  }

  /** The error for an {@code n} that {@link #parseN(String)} refused. */
  static ErrorJson badN(String raw) {
    return new ErrorJson("n must be a whole number from 1 to " + MAX_N + ", got '" + echo(raw) + "'");
  }

  private static String echo(String raw) {
    return raw.length() <= MAX_ECHO ? raw : raw.substring(0, MAX_ECHO) + "...";
  }
}
