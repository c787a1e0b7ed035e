package io.trendtags.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.javalin.util.JavalinBindException;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.web.embed.EmbedPolicy;
import io.trendtags.web.source.InMemoryTopTagsSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's and the widget's files and headers as the app serves them: the browser's view is in DashboardIT. */
class DashboardPageTest {

  private static final Pattern ASSET = Pattern.compile("<(?:script|link)\\b[^>]*\\b(?:src|href)=\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";
  private static final InMemoryTopTagsSource SOURCE = new InMemoryTopTagsSource().set(new TopTags(
      Instant.parse("2026-11-25T10:00:00Z"), List.of(new TagCount("Java", 1200), new TagCount(HOSTILE, 7)), 0));
  private static WebApp app;

  @BeforeAll
  static void start() {
    app = new WebApp(SOURCE, Duration.ofHours(1)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> SOURCE.reads() > 0);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    return get(app, path, headers);
  }

  private static HttpResponse<String> get(WebApp on, String path, String... headers) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + on.port() + "/").resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> assetsOf(String page) {
    List<String> assets = new ArrayList<>();
    Matcher m = ASSET.matcher(page);
    while (m.find()) {
      assets.add(m.group(1));
    }
    return assets;
  }

  @Test
  void GET_root_serves_the_dashboard_under_a_strict_content_security_policy() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'self'; base-uri 'none'; frame-ancestors 'self'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.body()).contains("<canvas id=\"top-chart\"", "<table id=\"top-table\"", "id=\"copy-embed\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/widget"})
  void the_page_comes_with_the_current_top_list_in_its_table_for_readers_without_javascript(String path) throws Exception {
    String page = get(path).body();

    assertThat(page).contains("<tr><td>1</td><td>#Java</td><td class=\"num\">1,200</td>",
        "<tr><td>2</td><td>#&lt;img src=x onerror=alert(1)&gt;</td><td class=\"num\">7</td>",
        "<time id=\"updated\" datetime=\"2026-11-25T10:00:00Z\">2026-11-25 10:00:00 UTC</time>",
        "<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>");
    assertThat(page).doesNotContain(HOSTILE);
  }

  @Test
  void the_address_sets_n_interval_and_theme_of_the_page_and_a_bad_value_gives_the_default() throws Exception {
    String page = get("/widget?n=1&interval=30&theme=dark").body();
    assertThat(page).contains("data-theme=\"dark\"", "data-n=\"1\" data-interval=\"30\"", "#Java").doesNotContain("#&lt;img");

    String hostile = get("/?n=%22%3E%3Cscript%3E&interval=abc&theme=%22%3E%3Cscript%3E&view=%22%3E%3Cscript%3E"
        + "&source=%22%3E%3Cscript%3E").body();
    assertThat(hostile).contains("data-theme=\"auto\"", "data-n=\"10\" data-interval=\"5\" data-view=\"all\" data-source=\"all\"")
        .doesNotContain("\"><script>");
  }

  @Test
  void the_widget_may_be_framed_by_any_site_by_default_and_only_by_those_configured_otherwise() throws Exception {
    assertThat(get("/widget").headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'self'; base-uri 'none'; frame-ancestors *");

    try (WebApp restricted = new WebApp(new InMemoryTopTagsSource(), Duration.ofHours(1),
        new EmbedPolicy("https://blog.example.org 'self'", List.of())).start("127.0.0.1", 0)) {
      assertThat(get(restricted, "/widget").headers().firstValue("Content-Security-Policy"))
          .hasValue("default-src 'self'; base-uri 'none'; frame-ancestors https://blog.example.org 'self'");
      assertThat(get(restricted, "/").headers().firstValue("Content-Security-Policy"))
          .hasValue("default-src 'self'; base-uri 'none'; frame-ancestors 'self'");
    }
  }

  @Test
  void the_api_answers_any_origin_by_default_and_only_the_configured_ones_otherwise() throws Exception {
    assertThat(get("/api/top", "Origin", "https://blog.example.org").headers().firstValue("Access-Control-Allow-Origin"))
        .hasValueSatisfying(v -> assertThat(v).isIn("*", "https://blog.example.org"));

    try (WebApp restricted = new WebApp(new InMemoryTopTagsSource(), Duration.ofHours(1),
        new EmbedPolicy("*", List.of("https://blog.example.org"))).start("127.0.0.1", 0)) {
      assertThat(get(restricted, "/api/top", "Origin", "https://blog.example.org").headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://blog.example.org");
      assertThat(get(restricted, "/api/top", "Origin", "https://evil.example.com").headers().firstValue("Access-Control-Allow-Origin"))
          .isEmpty();
    }
    try (WebApp closed = new WebApp(new InMemoryTopTagsSource(), Duration.ofHours(1),
        new EmbedPolicy("'none'", List.of())).start("127.0.0.1", 0)) {
      assertThat(get(closed, "/api/top", "Origin", "https://blog.example.org").headers().firstValue("Access-Control-Allow-Origin"))
          .isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/widget"})
  void every_script_stylesheet_and_icon_of_the_page_is_served_by_the_app_itself(String path) throws Exception {
    List<String> assets = assetsOf(get(path).body());

    // Chart.js comes from the WebJar: a version bump in the pom without one in the pages fails here.
    assertThat(assets).contains("webjars/chart.js/4.5.1/dist/chart.umd.min.js", "live-top.js", "dashboard.css");
    for (String asset : assets) {
      assertThat(asset).as("no CDN").doesNotContain("//");
      assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
    }
    assertThat(get("embed.js").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/widget"})
  void the_page_has_no_inline_script_or_event_handler_that_the_policy_would_block(String path) throws Exception {
    // The markup, without the table's rows: the hostile tag in them reads " onerror=" as (escaped) text.
    String page = get(path).body().replaceAll("(?s)<tbody>.*</tbody>", "");

    assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    assertThat(page).doesNotContainPattern("\\son[a-z]+\\s*=");
    assertThat(page).doesNotContain("style=");
  }

  @ParameterizedTest
  @ValueSource(strings = {"live-top.js", "dashboard.js", "widget.js", "embed.js"})
  void no_script_ever_writes_html(String script) throws Exception {
    String body = get(script).body();

    assertThat(body).isNotBlank().doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
  }

  @Test
  void a_second_app_on_a_taken_port_fails_with_the_exception_WebCommand_turns_into_a_message() {
    WebApp second = new WebApp(new InMemoryTopTagsSource(), Duration.ofHours(1));
    try {
      assertThatThrownBy(() -> second.start("127.0.0.1", app.port())).isInstanceOf(JavalinBindException.class);
    } finally {
      second.close();
    }
  }
}
