package io.trendtags.web.page;

import io.trendtags.core.top.Source;
import io.trendtags.web.source.FeedingSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's sources line: a link per network that feeds the pipeline, then "All sources", each
 * narrowing the page to those posts while keeping the rest of its address (view, n, interval, theme); the
 * one shown is marked {@code aria-current}. The page's script rewrites the links when the view changes.
 */
final class SourceLinks {

  private SourceLinks() {}

  /** The links as markup, every attribute and text escaped. */
  static String of(PageSettings settings, List<FeedingSource> feeding) {
    List<FeedingSource> listed = new ArrayList<>(feeding);
    listed.add(new FeedingSource(Source.ALL, null));
    StringBuilder out = new StringBuilder();
    for (FeedingSource f : listed) {
      Source source = f.source();
      out.append(out.length() == 0 ? "" : " ")
          .append("<a href=\"").append(Html.escape(href(settings, source)))
          .append("\" data-source=\"").append(Html.escape(source.id())).append('"');
      if (f.newest() != null) {
        out.append(" title=\"").append(Html.escape("Newest post: " + TopTagsPages.TIME.format(f.newest()))).append('"');
      }
      if (source.equals(settings.source())) {
        out.append(" aria-current=\"page\"");
      }
      out.append('>').append(Html.escape(source.label())).append("</a>");
    }
    return out.toString();
  }

  /** The page's address with {@code source} instead of its own; every source's has no {@code source} at all. */
  private static String href(PageSettings settings, Source source) {
    return "?view=" + settings.view().id() + "&n=" + settings.n() + "&interval=" + settings.intervalS()
        + (settings.theme().equals("auto") ? "" : "&theme=" + settings.theme())
        + (source.equals(Source.ALL) ? "" : "&source=" + source.id());
  }
}
