package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.launcher.process.StageProcess;
import io.trendtags.store.TopTagsTable;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.HeadlessChromium;
import io.trendtags.testsupport.KafkaBroker;
import io.trendtags.testsupport.Stages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

/**
 * Hashtags written to hurt, through the real pipeline: tweets whose {@code entities.hashtags} are markup,
 * a right-to-left override, control characters, an empty tag, and tags that are valid hashtags but meant
 * to break a page (zero-width joiners, stacked combining marks, right-to-left script, a 500-character run)
 * go into Kafka, the Spark job ({@code ./trendtags stream}) counts them into HBase, and the web app
 * ({@code ./trendtags web}) shows them in headless Chromium. What is not a hashtag by twitter-text's rules
 * is dropped and counted as rejected; every valid one appears as the text it is, and nothing in any of
 * them may run. (Markup that reaches HBase anyway is shown as text: {@code DashboardIT} writes it there.)
 */
class HostileTagsIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final String TOPIC = "hostile-tags-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Valid hashtags, highest count first: the tag at index i is in 5 - i tweets, so the expected ranks are this order. */
  private static final List<String> TAGS = List.of(
      "a\u200Db\u200Dc\u200D",
      "Z\u0336\u0335\u0334a\u0337\u0338l\u0335g\u0336o\u0334",
      "\u05E9\u05DC\u05D5\u05DD_world",
      "L" + "o".repeat(498) + "ng",
      "caf\u00E9");

  /** Not hashtags by twitter-text's rules: each is in one tweet, dropped, and its tweet counted as rejected. */
  private static final List<String> NOT_HASHTAGS = List.of(
      "<script>window.pwned='script'</script>",
      "<img src=x onerror=\"window.pwned='img'\">",
      "\u202Egnp.exe",
      "\"><svg onload=alert(1)>",
      "",
      "bell\u0007");

  private static StageProcess stream;
  private static StageProcess web;
  private static ChromeDriver browser;
  private static URI url;

  @BeforeAll
  static void start(@TempDir Path checkpoint, @TempDir Path profile) throws Exception {
    KAFKA.createTopic(TOPIC, 1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
      long id = 1_900_000_000_000_000_000L;
      for (int i = 0; i < TAGS.size(); i++) {
        for (int copy = 0; copy < TAGS.size() - i; copy++) {
          producer.send(new ProducerRecord<>(TOPIC, tweet(id++, TAGS.get(i))));
        }
      }
      for (String bad : NOT_HASHTAGS) {
        producer.send(new ProducerRecord<>(TOPIC, tweet(id++, bad)));
      }
      producer.flush();
    }
    stream = Stages.start("stream",
        "--kafka", KAFKA.bootstrapServers(), "--topic", TOPIC, "--hbase-zk", HBASE.zkQuorum(),
        "--checkpoint", checkpoint.toString(), "--trigger", "500ms", "--ui-port", "-1");
    web = Stages.start("web", "--port", "0", "--hbase-zk", HBASE.zkQuorum(), "--refresh", "500ms");
    url = URI.create(web.awaitReady(Duration.ofMinutes(1)).get("url"));
    stream.awaitReady(Duration.ofMinutes(2));
    browser = HeadlessChromium.start(profile);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (web != null) {
      web.stop(Duration.ofSeconds(20));
    }
    if (stream != null) {
      stream.stop(Duration.ofSeconds(30));
    }
  }

  /** A tweet as the X API sends it, whose one hashtag entity is {@code tag}. */
  private static String tweet(long id, String tag) {
    ObjectNode tweet = JSON.createObjectNode().put("id", Long.toString(id)).put("text", "look #" + tag);
    tweet.putObject("entities").putArray("hashtags").addObject().put("start", 5).put("end", 6 + tag.length()).put("tag", tag);
    return tweet.toString();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private static List<String> expectedLabels() {
    return TAGS.stream().map(tag -> "#" + tag).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> chartLabels() {
    return (List<String>) js("const c = window.Chart && Chart.getChart(document.getElementById('top-chart'));"
        + "return c ? c.data.labels : [];");
  }

  @SuppressWarnings("unchecked")
  private static List<String> tableTags() {
    return (List<String>) js("return [...document.querySelectorAll('#top-table tbody tr')].map(tr => tr.cells[1].textContent);");
  }

  private void assertNothingRan(String page) {
    assertThat(js("return window.pwned === undefined;")).as(page + ": a hostile tag ran").isEqualTo(true);
    assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    // No element made of a tag: the only SVG is the page's own sparkline in each row, a line of numbers.
    assertThat(browser.findElements(By.cssSelector("img, svg:not(td.spark > svg), #top-table script, iframe"))).as(page).isEmpty();
    // Read in one script: the rows are redrawn as updates and histories arrive, so elements found a moment
    // ago may be gone by the time each is asked for its name.
    @SuppressWarnings("unchecked")
    List<String> sparkElements = (List<String>) js("return [...document.querySelectorAll('td.spark > svg *')].map(e => e.tagName.toLowerCase());");
    assertThat(sparkElements).allSatisfy(name -> assertThat(name).isEqualTo("polyline"));
    // The page's own scripts only: Chart.js, live-top.js and the page's script.
    assertThat(js("return document.scripts.length;")).isEqualTo(3L);
    assertThat(browser.getTitle()).as(page).startsWith("T");
    List<String> severe = new ArrayList<>();
    browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .forEach(entry -> severe.add(entry.getMessage()));
    assertThat(severe).as(page + ": console errors or policy violations").isEmpty();
  }

  @Test
  void the_dashboard_shows_every_hostile_tag_as_text_in_chart_and_table_and_runs_none() {
    browser.get(url.resolve("/?n=10&interval=1").toString());

    // The job's first micro-batch after start-up, then one refresh of the web app.
    await().atMost(Duration.ofMinutes(2)).until(() -> chartLabels().equals(expectedLabels()));
    await().atMost(Duration.ofSeconds(10)).until(() -> tableTags().equals(expectedLabels()));
    assertThat(js("return document.querySelector('#top-table tbody tr:nth-child(2) td:nth-child(2)').innerHTML;"))
        .isEqualTo("#" + TAGS.get(1));
    // The 500-character tag stays in its cell, the table does not grow wider than the page.
    assertThat(js("return document.documentElement.scrollWidth <= window.innerWidth;")).isEqualTo(true);
    assertNothingRan("dashboard");
  }

  @Test
  void what_is_not_a_hashtag_is_dropped_and_each_of_its_tweets_counted_as_rejected() {
    try (TopTagsTable table = TopTagsTable.connectForReading(HBASE.zkQuorum())) {
      await().atMost(Duration.ofMinutes(2)).until(() -> table.read(View.ALL).map(TopTags::rejected).orElse(0L) == NOT_HASHTAGS.size());
      assertThat(table.read(View.ALL).orElseThrow().tags()).extracting(TagCount::tag).containsExactlyElementsOf(TAGS);
    }
  }

  @Test
  void the_widget_and_the_page_without_javascript_show_them_as_text_too() throws Exception {
    browser.get(url.resolve("/widget?n=10&theme=dark").toString());
    await().atMost(Duration.ofMinutes(2)).until(() -> chartLabels().equals(expectedLabels()));
    assertThat(tableTags()).isEqualTo(expectedLabels());
    assertNothingRan("widget");

    // What a browser without JavaScript gets: the rows rendered on the server, escaped.
    String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/?n=10")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(page).contains("<td>#" + TAGS.get(0) + "</td>", "<td>#" + TAGS.get(1) + "</td>", "<td>#" + TAGS.get(2) + "</td>");
    assertThat(page).doesNotContain("window.pwned", "<svg", "<img", "gnp.exe");
  }
}
