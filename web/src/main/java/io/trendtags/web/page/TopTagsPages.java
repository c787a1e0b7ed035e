package io.trendtags.web.page;

import io.javalin.http.Context;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.web.source.FeedingSource;
import io.trendtags.web.source.LatestTopTags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard ({@code /}) and the widget ({@code /widget}), rendered on the server with the current top
 * hashtags of the ranking the address asks for ({@code ?view=&source=}) already in their table: people
 * without JavaScript, and screen readers before the first update, get the data too. The script then takes
 * over and keeps it live. The dashboard also names the networks that feed it, each a link narrowing it to
 * that network's posts.
 *
 * <p>Templates are {@code /pages/*.html} on the classpath with {@code {{name}}} placeholders; every value
 * put in is escaped ({@link Html#escape}), the tags first of all.
 */
public final class TopTagsPages {

  public static final String DASHBOARD = "/";
  public static final String WIDGET = "/widget";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
  private static final Set<String> MARKUP = Set.of("rows", "view_options", "sources");
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final Map<Ranking, LatestTopTags> latest;
  private final String dashboard = template("dashboard.html");
  private final String widget = template("widget.html");

  public TopTagsPages(Map<Ranking, LatestTopTags> latest) {
    this.latest = latest;
  }

  /** {@code GET /}. */
  public void dashboard(Context ctx) {
    serve(ctx, dashboard);
  }

  /** {@code GET /widget}: the chart alone, for an iframe; its size follows the frame's. */
  public void widget(Context ctx) {
    serve(ctx, widget);
  }

  private void serve(Context ctx, String template) {
    ctx.header("Cache-Control", "no-store");
    PageSettings settings = PageSettings.of(ctx);
    ctx.html(render(template, latest.get(settings.ranking()).get(), settings, FeedingSource.in(latest)));
  }

  static String render(String template, Optional<TopTags> current, PageSettings settings) {
    return render(template, current, settings, List.of());
  }

  static String render(String template, Optional<TopTags> current, PageSettings settings, List<FeedingSource> feeding) {
    TopTags top = current.map(t -> t.limit(settings.n())).orElse(TopTags.empty());
    boolean surge = settings.view() == View.SURGE;
    Source source = settings.source();
    Map<String, String> values = Map.ofEntries(
        Map.entry("n", String.valueOf(settings.n())),
        Map.entry("interval", String.valueOf(settings.intervalS())),
        Map.entry("theme", settings.theme()),
        Map.entry("view", settings.view().id()),
        Map.entry("view_label", settings.view().label()),
        Map.entry("view_options", viewOptions(settings.view())),
        Map.entry("source", source.id()),
        Map.entry("source_on", source.equals(Source.ALL) ? "" : " on " + source.label()),
        Map.entry("sources", SourceLinks.of(settings, feeding)),
        // Nothing to choose from: no network has written a list of its own (a job from before the sources).
        Map.entry("sources_hidden", feeding.isEmpty() && source.equals(Source.ALL) ? "hidden" : ""),
        Map.entry("score_hidden", surge ? "" : "hidden"),
        Map.entry("rows", rows(top, surge)),
        Map.entry("updated", top.updatedAt() == null ? "waiting for data" : TIME.format(top.updatedAt())),
        Map.entry("updated_iso", top.updatedAt() == null ? "" : top.updatedAt().toString()),
        Map.entry("clock", top.clock() == null ? "unknown" : TIME.format(top.clock())),
        Map.entry("clock_iso", top.clock() == null ? "" : top.clock().toString()),
        Map.entry("empty_hidden", top.tags().isEmpty() ? "" : "hidden"));
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 2048);
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("unknown placeholder " + m.group());
      }
      // Every value but the markup (escaped piece by piece where it is built) is escaped here.
      boolean markup = MARKUP.contains(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(markup ? value : Html.escape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The rows of the table: rank, tag (escaped), mentions, authors, score (surge only), an empty sparkline cell. */
  private static String rows(TopTags top, boolean surge) {
    NumberFormat counts = NumberFormat.getIntegerInstance(Locale.US);
    StringBuilder out = new StringBuilder();
    List<TagCount> tags = top.tags();
    for (int i = 0; i < tags.size(); i++) {
      TagCount t = tags.get(i);
      out.append("<tr><td>").append(i + 1)
          .append("</td><td>#").append(Html.escape(t.tag()))
          .append("</td><td class=\"num\">").append(counts.format(t.count()))
          .append("</td><td class=\"num\">").append(counts.format(t.authors()))
          .append("</td><td class=\"num\"").append(surge ? "" : " hidden").append(">")
          .append(t.score() == null ? "" : String.format(Locale.US, "%,.1f", t.score()))
          .append("</td><td class=\"spark\"></td></tr>\n");
    }
    return out.toString();
  }

  /** The view selector's options, the current one selected; labels are constants, not user input. */
  private static String viewOptions(View current) {
    StringBuilder out = new StringBuilder();
    for (View v : new View[] {View.SURGE, View.LAST_15_MINUTES, View.LAST_HOUR, View.LAST_24_HOURS, View.ALL}) {
      out.append("<option value=\"").append(v.id()).append('"').append(v == current ? " selected" : "")
          .append('>').append(Html.escape(v.label())).append("</option>");
    }
    return out.toString();
  }

  private static String template(String name) {
    try (InputStream in = TopTagsPages.class.getResourceAsStream("/pages/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing page template /pages/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
