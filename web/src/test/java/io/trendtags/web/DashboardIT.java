package io.trendtags.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.MinuteBucket;
import io.trendtags.store.TopTagsTable;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.HeadlessChromium;
import io.trendtags.web.source.TableTopTagsSource;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard in headless Chromium over a real HBase: top lists are written with {@link TopTagsTable}
 * as the stream job writes them, the web app reads them back through the same table.
 */
@TestMethodOrder(OrderAnnotation.class)
class DashboardIT {

  @RegisterExtension
  static final HBaseServer HBASE = new HBaseServer();

  private static final String HOSTILE = "<img src=x onerror=alert(1)>";
  // Recent, so that the page does not (rightly) mark the data as stale in the screenshots.
  private static final Instant SECOND_WRITE = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant FIRST_WRITE = SECOND_WRITE.minusSeconds(90);
  private static final Instant THIRD_WRITE = SECOND_WRITE.plusSeconds(30);
  private static final Duration POLL = Duration.ofSeconds(1);

  /** 12 tags, one of them hostile: the dashboard must draw exactly the top 10. */
  private static final TopTags FIRST = new TopTags(FIRST_WRITE, List.of(
      new TagCount("Java", 1200), new TagCount("Kafka", 1100), new TagCount(HOSTILE, 1000),
      new TagCount("Spark", 900), new TagCount("HBase", 800), new TagCount("OpenSource", 700),
      new TagCount("DataEngineering", 600), new TagCount("Streaming", 500), new TagCount("BigData", 400),
      new TagCount("Javalin", 300), new TagCount("Eleventh", 200), new TagCount("Twelfth", 100)), 0);

  /** What the README shows: a plausible top 10 a few minutes later. */
  private static final TopTags SECOND = new TopTags(SECOND_WRITE, List.of(
      new TagCount("Java", 1840), new TagCount("Kafka", 1525), new TagCount("Spark", 1310),
      new TagCount("OpenSource", 1080), new TagCount("HBase", 920), new TagCount("DataEngineering", 760),
      new TagCount("Streaming", 615), new TagCount("Javalin", 480), new TagCount("BigData", 355),
      new TagCount("Devoxx", 240)), 0);

  /** Seen only by polling: the stream is cut off in the browser when it is written. */
  private static final TopTags THIRD = new TopTags(THIRD_WRITE, List.of(
      new TagCount("Polling", 2500), new TagCount("Java", 1900), new TagCount("Kafka", 1600),
      new TagCount("Spark", 1400), new TagCount("OpenSource", 1100), new TagCount("HBase", 950)), 0);

  private static TopTagsTable table;
  private static WebApp app;
  private static ChromeDriver browser;
  private static HttpServer otherOrigin;

  /** What the web app's source read, and which tables HBase had, before anything wrote (as before the job's first start). */
  private static java.util.Optional<TopTags> readBeforeTheJob;
  private static java.util.NavigableMap<Long, Long> historyBeforeTheJob;
  private static List<String> tablesBeforeTheJob;

  @BeforeAll
  static void start(@TempDir Path profile) throws IOException {
    try (TableTopTagsSource reader = TableTopTagsSource.connectingTo(HBASE.zkQuorum())) {
      readBeforeTheJob = reader.read(Ranking.of(View.LAST_HOUR));
      historyBeforeTheJob = reader.minuteCounts("java", 0, Long.MAX_VALUE / 2);
    }
    var conf = org.apache.hadoop.hbase.HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", HBASE.zkQuorum());
    try (var connection = org.apache.hadoop.hbase.client.ConnectionFactory.createConnection(conf);
        var admin = connection.getAdmin()) {
      tablesBeforeTheJob = java.util.Arrays.stream(admin.listTableNames()).map(Object::toString).toList();
    }
    table = TopTagsTable.connect(HBASE.zkQuorum());
    table.write(View.ALL, FIRST, "dashboard-it");
    // A network's own list too, as the job writes one per network: the README's picture shows the sources line.
    table.write(new Ranking(View.ALL, Source.of(Network.X)), FIRST, "dashboard-it");
    app = new WebApp(new TableTopTagsSource(table), Duration.ofMillis(200)).start("127.0.0.1", 0);
    browser = HeadlessChromium.start(profile);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (otherOrigin != null) {
      otherOrigin.stop(0);
    }
    if (app != null) {
      app.close();
    }
    if (table != null) {
      table.close();
    }
  }

  private static String dashboard(String query) {
    return "http://127.0.0.1:" + app.port() + "/" + query;
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  @SuppressWarnings("unchecked")
  private static List<String> chartLabels() {
    return (List<String>) js("const c = Chart.getChart(document.getElementById('top-chart'));"
        + "return c ? c.data.labels : [];");
  }

  /** The bars' counts by rank: each bar keeps its data index across updates, its rank is its y. */
  @SuppressWarnings("unchecked")
  private static List<Long> chartCounts() {
    return (List<Long>) js("return Chart.getChart(document.getElementById('top-chart')).data.datasets[0].data"
        + ".slice().sort((a, b) => a.y - b.y).map(p => p.x);");
  }

  private static String transport() {
    return (String) js("const t = document.getElementById('transport'); return t ? t.dataset.transport || '' : '';");
  }

  private static Object dataIndexOf(String tag) {
    return js("return Chart.getChart(document.getElementById('top-chart')).data.datasets[0].data"
        + ".findIndex(p => p.tag === arguments[0]);".replace("arguments[0]", "'" + tag + "'"));
  }

  /** The table's cells as text, read in one script: the page may replace the rows between two WebDriver calls. */
  @SuppressWarnings("unchecked")
  private static List<List<String>> tableRows() {
    return (List<List<String>>) js("return [...document.querySelectorAll('#top-table tbody tr')]"
        + ".map(tr => [...tr.cells].map(td => td.textContent));");
  }

  private static List<String> labelsOf(TopTags top, int n) {
    return top.limit(n).tags().stream().map(t -> "#" + t.tag()).toList();
  }

  @Test
  @Order(0)
  void theWebAppReadsEmptyListsBeforeTheJobHasRunAndCreatesNoTable() {
    // It needs read rights only: the stream job creates the tables.
    assertThat(readBeforeTheJob).isEmpty();
    assertThat(historyBeforeTheJob).isEmpty();
    assertThat(tablesBeforeTheJob).doesNotContain("hashtags", "hashtags_history");
  }

  @Test
  @Order(1)
  void draws_ten_labelled_bars_and_the_same_ten_rows_with_the_hostile_tag_as_plain_text() {
    browser.get(dashboard("?interval=" + POLL.toSeconds()));

    await().atMost(Duration.ofSeconds(15)).until(() -> chartLabels().equals(labelsOf(FIRST, 10)));
    assertThat(chartCounts()).containsExactly(1200L, 1100L, 1000L, 900L, 800L, 700L, 600L, 500L, 400L, 300L);

    List<List<String>> rows = tableRows();
    assertThat(rows).hasSize(10);
    // Rank, tag, mentions, authors, the score (hidden outside the surge view) and the sparkline's cell.
    assertThat(rows.get(0)).containsExactly("1", "#Java", "1,200", "0", "", "");
    assertThat(rows.get(2)).containsExactly("3", "#" + HOSTILE, "1,000", "0", "", "");
    assertThat(rows.get(9)).containsExactly("10", "#Javalin", "300", "0", "", "");

    // The hostile tag is text: no element was made of it, no handler ran.
    assertThat(browser.findElements(By.tagName("img"))).isEmpty();
    assertThat(js("return document.querySelector('#top-table tbody tr:nth-child(3) td:nth-child(2)').innerHTML;"))
        .isEqualTo("#&lt;img src=x onerror=alert(1)&gt;");
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.findElement(By.id("updated")).getDomAttribute("datetime")).isEqualTo(FIRST_WRITE.toString());
  }

  @Test
  @Order(2)
  void follows_a_new_top_list_in_hbase_pushed_through_the_stream() throws IOException {
    assertThat(transport()).isEqualTo("live");
    // A bar is a tag: the bar that was Java's moves to Java's new rank, no new bar is drawn for it.
    Object javaBar = dataIndexOf("Java");

    table.write(View.ALL, SECOND, "dashboard-it");

    // HBase refresh (200 ms) + the push, with room for a busy two-core machine.
    await().atMost(Duration.ofSeconds(8)).until(() -> chartLabels().equals(labelsOf(SECOND, 10)));
    assertThat(transport()).isEqualTo("live");
    assertThat(dataIndexOf("Java")).isEqualTo(javaBar);
    assertThat(chartCounts()).first().isEqualTo(1840L);
    await().atMost(POLL.multipliedBy(4)).until(() -> tableRows().size() == 10 && tableRows().get(9).get(1).equals("#Devoxx"));
    assertThat(browser.findElement(By.id("updated")).getDomAttribute("datetime")).isEqualTo(SECOND_WRITE.toString());

    saveScreenshot("dashboard.png");
  }

  @Test
  @Order(3)
  void the_address_sets_how_many_tags_to_show_and_the_control_changes_the_interval() {
    browser.get(dashboard("?n=3&interval=5"));

    await().atMost(Duration.ofSeconds(15)).until(() -> chartLabels().equals(labelsOf(SECOND, 3)));
    assertThat(tableRows()).hasSize(3);
    assertThat(browser.findElement(By.id("interval")).getDomProperty("value")).isEqualTo("5");

    WebElement interval = browser.findElement(By.id("interval"));
    // As a person does it: select the value, type over it, leave the field.
    interval.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2", Keys.TAB);
    await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(browser.getCurrentUrl()).endsWith("/?n=3&interval=2&view=all"));
  }

  @Test
  @Order(4)
  void the_view_selector_shows_surging_tags_with_their_scores_and_a_sparkline_for_each() {
    long now = Instant.now().getEpochSecond() / 60;
    List<MinuteBucket> buckets = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      buckets.add(new MinuteBucket("rising", now - 60L * h, "Rising", 24 - h, new byte[0]));
    }
    table.history().write(buckets);
    table.write(View.SURGE, new TopTags(Instant.now(), Instant.now(),
        List.of(new TagCount("Rising", 24, 9, 42.5), new TagCount("Java", 3, 3, 1.5)), 0), "dashboard-it");
    browser.get(dashboard("?n=5"));
    await().atMost(Duration.ofSeconds(15)).until(() -> chartLabels().equals(labelsOf(SECOND, 5)));

    new Select(browser.findElement(By.id("view"))).selectByValue("surge");

    await().atMost(Duration.ofSeconds(15)).until(() -> chartLabels().equals(List.of("#Rising", "#Java")));
    assertThat(browser.getCurrentUrl()).contains("view=surge");
    assertThat(browser.findElement(By.id("chart-view")).getText()).isEqualTo("Surging");
    assertThat(browser.findElement(By.cssSelector("#top-table th.score")).isDisplayed()).isTrue();
    assertThat(tableRows().get(0)).startsWith("1", "#Rising", "24", "9", "42.5");
    // The sparkline: 24 hourly points, oldest first, the last (this hour's 24 tweets) at the top.
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
      String points = (String) js("const p = document.querySelector('#top-table tbody tr td.spark polyline');"
          + "return p ? p.getAttribute('points') : '';");
      assertThat(points.split(" ")).hasSize(24);
      assertThat(points).endsWith(",1.0");
    });
  }

  @Test
  @Order(5)
  void the_address_narrows_the_page_to_one_networks_posts_and_the_sources_line_names_the_networks() throws Exception {
    Source mastodon = Source.of(Network.MASTODON);
    long now = Instant.now().getEpochSecond() / 60;
    // Mastodon's own buckets of the tag, under its key: the sparkline must ask for those.
    table.history().write(List.of(new MinuteBucket(mastodon.key("fediverse"), now, "Fediverse", 7, new byte[0])));
    table.write(new Ranking(View.ALL, mastodon), new TopTags(Instant.now(), Instant.now(),
        List.of(new TagCount("Fediverse", 7), new TagCount("Rust", 2)), 0), "dashboard-it");
    // The sources line comes with the page: wait until the app has read the network's row.
    HttpClient http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(10)).until(() -> http.send(HttpRequest.newBuilder(URI.create(dashboard("api/sources"))).build(),
        HttpResponse.BodyHandlers.ofString()).body().contains("\"mastodon\""));

    browser.get(dashboard("?source=mastodon&n=5"));

    await().atMost(Duration.ofSeconds(10)).until(() -> chartLabels().equals(List.of("#Fediverse", "#Rust")));
    assertThat(browser.findElement(By.id("sources")).getText()).isEqualTo("Sources: X Mastodon All sources");
    assertThat(browser.findElement(By.cssSelector("#sources a[aria-current]")).getText()).isEqualTo("Mastodon");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat((String) js(
        "const p = document.querySelector('#top-table tbody tr td.spark polyline'); return p ? p.getAttribute('points') : '';"))
        .endsWith(",1.0"));
    // The view selector keeps the source, and the way back to every source keeps the view.
    new Select(browser.findElement(By.id("view"))).selectByValue("1h");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(browser.getCurrentUrl()).contains("view=1h", "source=mastodon"));
    assertThat(browser.findElement(By.cssSelector("#sources a[data-source=all]")).getDomProperty("href"))
        .contains("view=1h").doesNotContain("source=");
  }

  @Test
  @Order(6)
  void the_browser_console_shows_no_error_no_blocked_resource_and_no_policy_violation() {
    List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();

    assertThat(severe).isEmpty();
  }

  @Test
  @Order(7)
  void with_the_stream_cut_off_the_page_polls_api_top_at_the_chosen_interval() {
    // As a proxy that does not pass event streams would: every request to api/stream fails.
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/stream*")));
    try {
      browser.get(dashboard("?n=5&interval=" + POLL.toSeconds()));
      await().atMost(Duration.ofSeconds(15)).until(() -> chartLabels().equals(labelsOf(SECOND, 5)));
      assertThat(transport()).isEqualTo("polling");

      table.write(View.ALL, THIRD, "dashboard-it");

      // HBase refresh (200 ms) + one poll (1 s), with room for a busy two-core machine.
      await().atMost(POLL.multipliedBy(8)).until(() -> chartLabels().equals(labelsOf(THIRD, 5)));
      assertThat(chartCounts()).containsExactly(2500L, 1900L, 1600L, 1400L, 1100L);
      assertThat(browser.findElement(By.id("stale")).isDisplayed()).isFalse();
    } finally {
      browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
      // The blocked requests' console errors are this test's doing: drop them.
      browser.manage().logs().get(LogType.BROWSER);
    }
  }

  @Test
  @Order(8)
  void the_one_line_snippet_puts_a_live_widget_in_a_page_of_another_origin() throws IOException {
    browser.manage().window().setSize(new Dimension(1100, 900));
    browser.get(dashboard("?n=6&interval=5&theme=dark"));
    String snippet = browser.findElement(By.id("embed-code")).getDomProperty("value");
    assertThat(snippet).isEqualTo("<script src=\"http://127.0.0.1:" + app.port() + "/embed.js\" data-view=\"all\" data-n=\"6\""
        + " data-interval=\"5\" data-theme=\"dark\" async></script>");

    // Another port is another origin: the page knows nothing of TrendTags but the pasted line.
    otherOrigin = servePage("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>A blog</title></head>"
        + "<body><h1>My blog</h1><p>What people talk about right now:</p>"
        + "<div id=\"slot\" style=\"width: 520px; height: 330px\">" + snippet + "</div></body></html>");
    browser.get("http://127.0.0.1:" + otherOrigin.getAddress().getPort() + "/");

    WebElement frame = await().atMost(Duration.ofSeconds(10)).until(
        () -> browser.findElements(By.cssSelector("#slot iframe")), frames -> !frames.isEmpty()).get(0);
    // Its size follows its container.
    assertThat(frame.getSize()).isEqualTo(new Dimension(520, 330));
    browser.switchTo().frame(frame);
    try {
      await().atMost(Duration.ofSeconds(15)).until(() -> chartLabels().equals(labelsOf(THIRD, 6)));
      assertThat(js("return document.documentElement.dataset.theme;")).isEqualTo("dark");
      await().atMost(Duration.ofSeconds(5))
          .until(() -> (Boolean) js("return !Chart.animator.running(Chart.getChart(document.getElementById('top-chart')));"));
    } finally {
      browser.switchTo().defaultContent();
    }
    Path target = home().resolve("docs/images/widget.png");
    Files.createDirectories(target.getParent());
    Files.write(target, browser.findElement(By.id("slot")).getScreenshotAs(OutputType.BYTES));
    assertThat(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())).isEmpty();
  }

  @Test
  @Order(9)
  void when_the_server_goes_away_the_page_keeps_the_last_data_and_shows_it_is_stale() {
    browser.get(dashboard("?n=3&interval=" + POLL.toSeconds()));
    await().atMost(Duration.ofSeconds(15)).until(() -> chartLabels().equals(labelsOf(THIRD, 3)));
    assertThat(browser.findElement(By.id("stale")).isDisplayed()).isFalse();

    app.close();

    await().atMost(POLL.multipliedBy(10)).until(() -> browser.findElement(By.id("stale")).isDisplayed());
    assertThat(browser.findElement(By.id("stale")).getText()).contains("cannot reach the server");
    assertThat(chartLabels()).isEqualTo(labelsOf(THIRD, 3));
    assertThat(tableRows()).hasSize(3);
  }

  /** A page served from its own port on 127.0.0.1, that is from another origin than the app. */
  private static HttpServer servePage(String html) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      boolean root = exchange.getRequestURI().getPath().equals("/");
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(root ? 200 : 404, root ? body.length : -1);
      if (root) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    return server;
  }

  /** A picture for the README: the whole page, once the bars have stopped moving. */
  private static void saveScreenshot(String name) throws IOException {
    // The window's height is the page's plus the browser's own frame, which is not zero even headless.
    long height = (Long) js("return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight;");
    browser.manage().window().setSize(new Dimension(1100, (int) height));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> (Boolean) js("return !Chart.animator.running(Chart.getChart(document.getElementById('top-chart')));"));
    Path target = home().resolve("docs/images/" + name);
    Files.createDirectories(target.getParent());
    Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
  }

  private static Path home() {
    String home = System.getProperty("trendtags.home");
    return home == null || home.isBlank() ? Path.of("..").toAbsolutePath().normalize() : Path.of(home);
  }
}
