package io.trendtags.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.util.JavalinBindException;
import io.trendtags.web.source.InMemoryTopTagsSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's files as the app serves them: the browser's view is in DashboardIT. */
class DashboardPageTest {

  private static final Pattern ASSET = Pattern.compile("<(?:script|link)\\b[^>]*\\b(?:src|href)=\"([^\"]+)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static WebApp app;

  @BeforeAll
  static void start() {
    app = new WebApp(new InMemoryTopTagsSource(), Duration.ofHours(1)).start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + app.port() + "/").resolve(path);
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void GET_root_serves_the_dashboard_under_a_strict_content_security_policy() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.body()).contains("<canvas id=\"top-chart\"", "<table id=\"top-table\"");
  }

  @Test
  void every_script_stylesheet_and_icon_of_the_dashboard_is_served_by_the_app_itself() throws Exception {
    String page = get("/").body();
    List<String> assets = new ArrayList<>();
    Matcher m = ASSET.matcher(page);
    while (m.find()) {
      assets.add(m.group(1));
    }

    // Chart.js comes from the WebJar: a version bump in the pom without one in index.html fails here.
    assertThat(assets).contains("webjars/chart.js/4.5.1/dist/chart.umd.min.js", "dashboard.js", "dashboard.css");
    for (String asset : assets) {
      assertThat(asset).as("no CDN").doesNotContain("//");
      assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
    }
  }

  @Test
  void the_dashboard_has_no_inline_script_or_event_handler_that_the_policy_would_block() throws Exception {
    String page = get("/").body();

    assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
    assertThat(page).doesNotContainPattern("\\son[a-z]+\\s*=");
    assertThat(page).doesNotContain("style=");
  }

  @Test
  void the_dashboard_script_never_writes_html() throws Exception {
    String script = get("/dashboard.js").body();

    assertThat(script).contains("textContent").doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write");
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
