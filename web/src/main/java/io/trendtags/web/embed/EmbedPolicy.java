package io.trendtags.web.embed;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may embed TrendTags elsewhere: which sites may show {@code /widget} in a frame (the CSP
 * {@code frame-ancestors} of that page) and which origins may call {@code /api/*} from their own scripts
 * (CORS). Both are open by default, since the widget is made to be put on other people's pages; the
 * dashboard itself may only be framed by this server ({@code frame-ancestors 'self'}), whatever is set here.
 *
 * @param frameAncestors a CSP source list, e.g. {@code *} or {@code https://blog.example.org 'self'}
 * @param corsOrigins    origins such as {@code https://blog.example.org}; {@code *} for any, empty for none
 */
public record EmbedPolicy(String frameAncestors, List<String> corsOrigins) {

  /** The policy of every page but the widget: scripts, styles, images and API calls from this server only. */
  public static final String PAGE_CSP = "default-src 'self'; base-uri 'none'; frame-ancestors 'self'";

  // A keyword, a scheme ("https:") or a host source ("https://*.example.org:8443"); no ';' or ',' that
  // would end the directive and smuggle another one in.
  private static final Pattern SOURCE = Pattern.compile(
      "'self'|'none'|\\*|[a-zA-Z][a-zA-Z0-9+.-]*:|([a-zA-Z][a-zA-Z0-9+.-]*://)?(\\*\\.)?[a-zA-Z0-9.-]+(:(\\d{1,5}|\\*))?");
  private static final Pattern ORIGIN = Pattern.compile("\\*|https?://[a-zA-Z0-9.-]+(:\\d{1,5})?|https?://\\[[0-9a-fA-F:.]+](:\\d{1,5})?");

  // After the patterns: static fields initialize in order, and this one uses them.
  /** Any site may frame the widget and call the API. */
  public static final EmbedPolicy OPEN = new EmbedPolicy("*", List.of("*"));

  public EmbedPolicy {
    Objects.requireNonNull(frameAncestors, "frameAncestors");
    corsOrigins = List.copyOf(corsOrigins);
    String[] sources = frameAncestors.trim().split("\\s+");
    if (frameAncestors.isBlank()) {
      throw new IllegalArgumentException("frame-ancestors is empty: use 'none' to forbid framing, * to allow any site");
    }
    for (String source : sources) {
      if (!SOURCE.matcher(source).matches()) {
        throw new IllegalArgumentException("frame-ancestors: '" + source + "' is not a CSP source"
            + " (write *, 'self', 'none', https: or https://host[:port], separated by spaces)");
      }
    }
    for (String origin : corsOrigins) {
      if (!ORIGIN.matcher(origin).matches()) {
        throw new IllegalArgumentException("cors-origins: '" + origin + "' is not an origin"
            + " (write * or http(s)://host[:port], without a path, separated by commas)");
      }
    }
  }

  /** The Content-Security-Policy of {@code /widget}: the page's own, framed by whom this policy says. */
  public String widgetCsp() {
    return "default-src 'self'; base-uri 'none'; frame-ancestors " + String.join(" ", frameAncestors.trim().split("\\s+"));
  }

  /** True when any origin may call the API. */
  public boolean anyOrigin() {
    return corsOrigins.contains("*");
  }
}
