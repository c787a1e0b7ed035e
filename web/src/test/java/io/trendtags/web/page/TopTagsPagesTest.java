package io.trendtags.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.web.WebApp;
import io.trendtags.web.source.FeedingSource;
import io.trendtags.web.source.InMemoryTopTagsSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopTagsPagesTest {

  private static final String TEMPLATE = "<html data-theme=\"{{theme}}\"><p {{empty_hidden}}>none</p>"
      + "<time datetime=\"{{updated_iso}}\">{{updated}}</time><tbody>{{rows}}</tbody>{{n}}/{{interval}}</html>";

  @Test
  void every_tag_is_escaped_and_no_other_markup_gets_in() {
    TopTags top = new TopTags(Instant.parse("2026-11-25T10:00:00Z"), List.of(
        new TagCount("<script>alert(1)</script>", 12345), new TagCount("a\"b'c&d", 2), new TagCount("\u202Eevil", 1)), 0);

    String page = TopTagsPages.render(TEMPLATE, Optional.of(top), PageSettings.of("2", "7", "dark"));

    assertThat(page).isEqualTo("<html data-theme=\"dark\"><p hidden>none</p>"
        + "<time datetime=\"2026-11-25T10:00:00Z\">2026-11-25 10:00:00 UTC</time><tbody>"
        + "<tr><td>1</td><td>#&lt;script&gt;alert(1)&lt;/script&gt;</td><td class=\"num\">12,345</td><td class=\"num\">0</td>"
        + "<td class=\"num\" hidden></td><td class=\"spark\"></td></tr>\n"
        + "<tr><td>2</td><td>#a&quot;b&#39;c&amp;d</td><td class=\"num\">2</td><td class=\"num\">0</td>"
        + "<td class=\"num\" hidden></td><td class=\"spark\"></td></tr>\n"
        + "</tbody>2/7</html>");
  }

  @Test
  void before_any_data_the_page_says_it_waits_and_shows_the_empty_note() {
    String page = TopTagsPages.render(TEMPLATE, Optional.empty(), PageSettings.of(null, null, null));

    assertThat(page).isEqualTo("<html data-theme=\"auto\"><p >none</p><time datetime=\"\">waiting for data</time>"
        + "<tbody></tbody>10/5</html>");
  }

  @Test
  void settings_out_of_range_or_not_numbers_give_the_bounds_or_the_defaults() {
    assertThat(PageSettings.of("0", "99999", "light")).isEqualTo(new PageSettings(1, 3600, "light", View.ALL, Source.ALL));
    assertThat(PageSettings.of("500", "0", "blue")).isEqualTo(new PageSettings(100, 1, "auto", View.ALL, Source.ALL));
    assertThat(PageSettings.of("abc", "-5", "")).isEqualTo(new PageSettings(10, 5, "auto", View.ALL, Source.ALL));
    assertThat(PageSettings.of("99999999999999", "1.5", null)).isEqualTo(new PageSettings(10, 5, "auto", View.ALL, Source.ALL));
  }

  @Test
  void the_view_comes_from_the_address_and_an_unknown_one_is_all_time() {
    assertThat(PageSettings.of(null, null, null, "surge", null).view()).isEqualTo(View.SURGE);
    assertThat(PageSettings.of(null, null, null, "1h", null).view()).isEqualTo(View.LAST_HOUR);
    assertThat(PageSettings.of(null, null, null, "<b>", null).view()).isEqualTo(View.ALL);
  }

  @Test
  void the_surge_view_shows_each_score_and_the_selector_marks_the_view() {
    TopTags top = new TopTags(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T09:59:00Z"),
        List.of(new TagCount("Alpha", 3, 3, 4.0)), 0);

    String page = TopTagsPages.render("{{rows}}|{{view_options}}|{{clock}}", Optional.of(top),
        PageSettings.of(null, null, null, "surge", null));

    assertThat(page).contains("<td class=\"num\">4.0</td>")
        .contains("<option value=\"surge\" selected>Surging</option>")
        .contains("<option value=\"all\">All time</option>")
        .endsWith("|2026-11-25 09:59:00 UTC");
  }

  private static final Source MASTODON = Source.of(Network.MASTODON);
  private static final Source BLUESKY = Source.of(Network.BLUESKY);

  @Test
  void the_sources_line_links_each_feeding_network_keeping_the_address_and_marks_the_one_shown() {
    List<FeedingSource> feeding = List.of(new FeedingSource(MASTODON, Instant.parse("2026-11-25T10:00:00Z")),
        new FeedingSource(BLUESKY, Instant.parse("2026-11-25T09:00:00Z")));

    String page = TopTagsPages.render("{{sources_hidden}}|{{sources}}|{{source}}|{{source_on}}", Optional.empty(),
        PageSettings.of("5", "7", "dark", "1h", "mastodon"), feeding);

    String keep = "?view=1h&amp;n=5&amp;interval=7&amp;theme=dark";
    assertThat(page).isEqualTo("|"
        + "<a href=\"" + keep + "&amp;source=mastodon\" data-source=\"mastodon\" title=\"Newest post: 2026-11-25 10:00:00 UTC\""
        + " aria-current=\"page\">Mastodon</a> "
        + "<a href=\"" + keep + "&amp;source=bluesky\" data-source=\"bluesky\" title=\"Newest post: 2026-11-25 09:00:00 UTC\">Bluesky</a> "
        + "<a href=\"" + keep + "\" data-source=\"all\">All sources</a>"
        + "|mastodon| on Mastodon");
  }

  @Test
  void one_feeding_network_is_still_named_and_none_hides_the_line_unless_a_network_is_shown() {
    String oneNetwork = TopTagsPages.render("{{sources_hidden}}|{{sources}}", Optional.empty(), PageSettings.of(null, null, null),
        List.of(new FeedingSource(Source.of(Network.X), null)));
    assertThat(oneNetwork).isEqualTo("|<a href=\"?view=all&amp;n=10&amp;interval=5&amp;source=x\" data-source=\"x\">X</a> "
        + "<a href=\"?view=all&amp;n=10&amp;interval=5\" data-source=\"all\" aria-current=\"page\">All sources</a>");

    assertThat(TopTagsPages.render("{{sources_hidden}}", Optional.empty(), PageSettings.of(null, null, null), List.of()))
        .isEqualTo("hidden");
    // Narrowed to a network that has written nothing: the way back to every source stays.
    assertThat(TopTagsPages.render("{{sources_hidden}}|{{sources}}", Optional.empty(),
        PageSettings.of(null, null, null, null, "bluesky"), List.of()))
        .isEqualTo("|<a href=\"?view=all&amp;n=10&amp;interval=5\" data-source=\"all\">All sources</a>");
  }

  @Test
  void an_unknown_source_in_the_address_is_every_source_as_an_unknown_view_is_all_time() {
    assertThat(PageSettings.of(null, null, null, null, "mastodon").source()).isEqualTo(MASTODON);
    assertThat(PageSettings.of(null, null, null, "1h", "bluesky").ranking()).isEqualTo(new Ranking(View.LAST_HOUR, BLUESKY));
    assertThat(PageSettings.of(null, null, null, null, "\"><script>").source()).isEqualTo(Source.ALL);
    assertThat(PageSettings.of(null, null, null, null, null).source()).isEqualTo(Source.ALL);
  }

  @Test
  void the_pages_of_a_source_come_with_that_networks_list_and_the_dashboard_names_the_networks_feeding_it() throws Exception {
    InMemoryTopTagsSource source = new InMemoryTopTagsSource()
        .set(new TopTags(Instant.parse("2026-11-25T10:00:00Z"), List.of(new TagCount("Java", 9)), 0))
        .set(new Ranking(View.ALL, MASTODON), new TopTags(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T09:59:00Z"),
            List.of(new TagCount("<b>Rust</b>", 4)), 0));
    HttpClient http = HttpClient.newHttpClient();
    try (WebApp app = new WebApp(source, Duration.ofMillis(50)).start("127.0.0.1", 0)) {
      URI site = URI.create("http://127.0.0.1:" + app.port() + "/");
      await().atMost(Duration.ofSeconds(5)).until(() -> body(http, site.resolve("/api/sources")).contains("mastodon"));

      String mastodon = body(http, site.resolve("/?source=mastodon"));
      assertThat(mastodon).contains("<td>#&lt;b&gt;Rust&lt;/b&gt;</td>", "data-source=\"mastodon\">", "<span id=\"chart-view\">All time</span>: top",
              "<span id=\"chart-source\"> on Mastodon</span>",
              "Sources: <a href=\"?view=all&amp;n=10&amp;interval=5&amp;source=mastodon\" data-source=\"mastodon\""
                  + " title=\"Newest post: 2026-11-25 09:59:00 UTC\" aria-current=\"page\">Mastodon</a> ")
          .doesNotContain("#Java", "<b>Rust");
      assertThat(body(http, site.resolve("/widget?source=mastodon"))).contains("#&lt;b&gt;Rust", "source=mastodon&amp;n=10")
          .doesNotContain("#Java");
      String every = body(http, site.resolve("/"));
      assertThat(every).contains("<td>#Java</td>", "data-source=\"all\" aria-current=\"page\">All sources</a>")
          .doesNotContain("Rust").doesNotContainPattern("<nav id=\"sources\"[^>]*hidden");
    }
  }

  private static String body(HttpClient http, URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
