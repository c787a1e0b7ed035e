package io.trendtags.web.page;

import io.javalin.http.Context;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard ({@code /}) and the widget ({@code /widget}), rendered on the server with the current top
 * hashtags already in their table: people without JavaScript, and screen readers before the first update,
 * get the data too. The script then takes over and keeps it live.
 *
 * <p>Templates are {@code /pages/*.html} on the classpath with {@code {{name}}} placeholders; every value
 * put in is escaped ({@link Html#escape}), the tags first of all.
 */
public final class TopTagsPages {

  public static final String DASHBOARD = "/";
  public static final String WIDGET = "/widget";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final LatestTopTags latest;
  private final String dashboard = template("dashboard.html");
  private final String widget = template("widget.html");

  public TopTagsPages(LatestTopTags latest) {
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
    ctx.html(render(template, latest.get(), PageSettings.of(ctx)));
  }

  static String render(String template, Optional<TopTags> current, PageSettings settings) {
    TopTags top = current.map(t -> t.limit(settings.n())).orElse(TopTags.empty());
    Map<String, String> values = Map.of(
        "n", String.valueOf(settings.n()),
        "interval", String.valueOf(settings.intervalS()),
        "theme", settings.theme(),
        "rows", rows(top),
        "updated", top.updatedAt() == null ? "waiting for data" : TIME.format(top.updatedAt()),
        "updated_iso", top.updatedAt() == null ? "" : top.updatedAt().toString(),
        "empty_hidden", top.tags().isEmpty() ? "" : "hidden");
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 2048);
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("unknown placeholder " + m.group());
      }
      // Every value but the rows (escaped tag by tag below) is escaped here.
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).equals("rows") ? value : Html.escape(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String rows(TopTags top) {
    NumberFormat counts = NumberFormat.getIntegerInstance(Locale.US);
    StringBuilder out = new StringBuilder();
    List<TagCount> tags = top.tags();
    for (int i = 0; i < tags.size(); i++) {
      out.append("<tr><td>").append(i + 1)
          .append("</td><td>#").append(Html.escape(tags.get(i).tag()))
          .append("</td><td class=\"num\">").append(counts.format(tags.get(i).count()))
          .append("</td></tr>\n");
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
