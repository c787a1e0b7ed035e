package io.trendtags.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
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
    assertThat(PageSettings.of("0", "99999", "light")).isEqualTo(new PageSettings(1, 3600, "light", View.ALL));
    assertThat(PageSettings.of("500", "0", "blue")).isEqualTo(new PageSettings(100, 1, "auto", View.ALL));
    assertThat(PageSettings.of("abc", "-5", "")).isEqualTo(new PageSettings(10, 5, "auto", View.ALL));
    assertThat(PageSettings.of("99999999999999", "1.5", null)).isEqualTo(new PageSettings(10, 5, "auto", View.ALL));
  }

  @Test
  void the_view_comes_from_the_address_and_an_unknown_one_is_all_time() {
    assertThat(PageSettings.of(null, null, null, "surge").view()).isEqualTo(View.SURGE);
    assertThat(PageSettings.of(null, null, null, "1h").view()).isEqualTo(View.LAST_HOUR);
    assertThat(PageSettings.of(null, null, null, "<b>").view()).isEqualTo(View.ALL);
  }

  @Test
  void the_surge_view_shows_each_score_and_the_selector_marks_the_view() {
    TopTags top = new TopTags(Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T09:59:00Z"),
        List.of(new TagCount("Alpha", 3, 3, 4.0)), 0);

    String page = TopTagsPages.render("{{rows}}|{{view_options}}|{{clock}}", Optional.of(top),
        PageSettings.of(null, null, null, "surge"));

    assertThat(page).contains("<td class=\"num\">4.0</td>")
        .contains("<option value=\"surge\" selected>Surging</option>")
        .contains("<option value=\"all\">All time</option>")
        .endsWith("|2026-11-25 09:59:00 UTC");
  }
}
