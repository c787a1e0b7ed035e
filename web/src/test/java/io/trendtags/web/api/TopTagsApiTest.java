package io.trendtags.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.web.WebApp;
import io.trendtags.web.source.InMemoryTopTagsSource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/top} on a real server on port 0, over the app's in-memory source. */
class TopTagsApiTest {

  private static final Instant UPDATED_AT = Instant.parse("2026-11-25T12:34:56Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final InMemoryTopTagsSource source = new InMemoryTopTagsSource();
  private WebApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  /** 15 tags: Tag01 seen 1500 times, Tag02 1400 times, ... Tag15 100 times. */
  private static TopTags fifteenTags() {
    List<TagCount> tags = IntStream.rangeClosed(1, 15)
        .mapToObj(i -> new TagCount(String.format("Tag%02d", i), (16 - i) * 100L))
        .toList();
    return new TopTags(UPDATED_AT, tags, 7);
  }

  private void startWith(TopTags top) {
    source.set(top);
    app = new WebApp(source, Duration.ofMillis(50)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/top").body().contains(UPDATED_AT.toString()));
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> tagsOf(HttpResponse<String> response) throws IOException {
    List<String> tags = new ArrayList<>();
    JSON.readTree(response.body()).get("tags").forEach(t -> tags.add(t.get("tag").asText()));
    return tags;
  }

  @Test
  void GET_api_top_gives_the_top_10_highest_first_by_default() throws Exception {
    startWith(fifteenTags());

    HttpResponse<String> response = get("/api/top");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(tagsOf(response)).containsExactly(
        "Tag01", "Tag02", "Tag03", "Tag04", "Tag05", "Tag06", "Tag07", "Tag08", "Tag09", "Tag10");
  }

  @Test
  void GET_api_top_answers_view_times_and_tags_with_tag_count_and_authors_and_nothing_else() throws Exception {
    startWith(fifteenTags());

    HttpResponse<String> response = get("/api/top?n=2");

    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
        {"view": "all", "source": "all", "updated_at": "2026-11-25T12:34:56Z", "clock": null, "stale": false,
         "tags": [{"tag": "Tag01", "count": 1500, "authors": 0}, {"tag": "Tag02", "count": 1400, "authors": 0}]}
        """));
  }

  @Test
  void while_HBase_cannot_be_read_api_top_serves_the_last_list_marked_stale_and_health_says_what_is_down() throws Exception {
    startWith(fifteenTags());
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(get("/health").body())).isEqualTo(
        JSON.readTree("{\"status\": \"up\", \"down\": [], \"checks\": {\"hbase\": {\"status\": \"up\", \"reason\": null}}}"));

    source.failWith(new java.io.UncheckedIOException(new IOException("HBase is down")));
    await().atMost(Duration.ofSeconds(5)).until(() -> get("/health").statusCode() == 503);

    HttpResponse<String> stale = get("/api/top?n=2");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(stale.body()).get("stale").asBoolean()).isTrue();
    assertThat(tagsOf(stale)).containsExactly("Tag01", "Tag02");
    JsonNode health = JSON.readTree(get("/health").body());
    assertThat(health.get("status").asText()).isEqualTo("degraded");
    assertThat(health.get("down").toString()).isEqualTo("[\"hbase\"]");
    assertThat(health.at("/checks/hbase/reason").asText()).contains("cannot read HBase");

    source.recover();
    await().atMost(Duration.ofSeconds(5)).until(() -> get("/health").statusCode() == 200);
    assertThat(JSON.readTree(get("/api/top").body()).get("stale").asBoolean()).isFalse();
  }

  @Test
  void GET_api_top_with_n_gives_that_many_or_all_there_are() throws Exception {
    startWith(fifteenTags());

    assertThat(tagsOf(get("/api/top?n=1"))).containsExactly("Tag01");
    assertThat(tagsOf(get("/api/top?n=3"))).containsExactly("Tag01", "Tag02", "Tag03");
    assertThat(tagsOf(get("/api/top?n=100"))).hasSize(15).startsWith("Tag01").endsWith("Tag15");
  }

  @Test
  void the_plain_request_answered_by_jetty_before_javalin_gets_the_headers_and_body_javalin_gives() throws Exception {
    startWith(fifteenTags());

    // An unknown parameter makes TopTagsFastPath leave the request to Javalin, which ignores it.
    double fastBefore = fastAnswers();
    HttpResponse<String> fast = get("/api/top?n=10&view=all");
    double fastBetween = fastAnswers();
    HttpResponse<String> javalin = get("/api/top?n=10&view=all&via=javalin");

    assertThat(fast.statusCode()).isEqualTo(javalin.statusCode()).isEqualTo(200);
    assertThat(fast.body()).isEqualTo(javalin.body());
    assertThat(withoutDate(fast)).isEqualTo(withoutDate(javalin));
    // And the first did take the fast path, the second not: the app has it in front of Javalin.
    assertThat(fastBetween).isEqualTo(fastBefore + 1);
    assertThat(fastAnswers()).isEqualTo(fastBetween);
  }

  private double fastAnswers() {
    return app.registry().get("trendtags.web.requests.fast").counter().count();
  }

  private static Map<String, List<String>> withoutDate(HttpResponse<?> response) {
    Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
    headers.remove("date");
    return headers;
  }

  @Test
  void GET_api_top_answers_a_body_many_times_the_apps_copy_buffer_whole_and_in_utf_8() throws Exception {
    // 100 long, non-Latin tags: about 14 KB of JSON, which Javalin copies out in pieces.
    List<TagCount> tags = IntStream.rangeClosed(1, 100)
        .mapToObj(i -> new TagCount(String.format("%03d", i) + "日本語のハッシュタグ".repeat(4), 1000L - i))
        .toList();
    startWith(new TopTags(UPDATED_AT, tags, 7));

    HttpResponse<byte[]> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/top?n=100")).build(),
        HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.body().length).isGreaterThan(3 * 4096);
    JsonNode got = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8)).get("tags");
    assertThat(got).hasSize(100);
    assertThat(got.get(0).get("tag").asText()).isEqualTo(tags.get(0).tag());
    assertThat(got.get(99).get("tag").asText()).isEqualTo(tags.get(99).tag());
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(strings = {"abc", "0", "101", "100000", "-1", "", "1.5", "+5", "99999999999999999999"})
  void GET_api_top_with_a_bad_n_gives_400_and_a_json_error(String n) throws Exception {
    startWith(fifteenTags());

    HttpResponse<String> response = get("/api/top?n=" + URLEncoder.encode(n, StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("error");
    assertThat(body.get("error").asText()).contains("n must be a whole number from 1 to 100");
  }

  @ParameterizedTest(name = "view={0}")
  @ValueSource(strings = {"week", "", "ALL", "<script>"})
  void GET_api_top_with_an_unknown_view_gives_400_and_names_the_views(String view) throws Exception {
    startWith(fifteenTags());

    HttpResponse<String> response = get("/api/top?view=" + URLEncoder.encode(view, StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("error").asText()).contains("view must be one of all, 15m, 1h, 24h, surge");
  }

  @Test
  void GET_api_top_with_a_view_answers_that_views_list_and_names_it() throws Exception {
    startWith(fifteenTags());

    JsonNode all = JSON.readTree(get("/api/top?view=all&n=1").body());
    JsonNode hour = JSON.readTree(get("/api/top?view=1h&n=1").body());

    assertThat(all.get("view").asText()).isEqualTo("all");
    assertThat(all.get("tags")).hasSize(1);
    // The in-memory source of this test holds all time only: the hour's list is its own, and empty.
    assertThat(hour.get("view").asText()).isEqualTo("1h");
    assertThat(hour.get("tags")).isEmpty();
  }

  @Test
  void GET_api_top_before_any_data_gives_200_empty_tags_and_null_updated_at() throws Exception {
    app = new WebApp(source, Duration.ofMillis(50)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> source.reads() > 0);

    HttpResponse<String> response = get("/api/top");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"view\": \"all\", \"source\": \"all\", \"updated_at\": null, \"clock\": null, \"stale\": false, \"tags\": []}"));
  }

  @Test
  void GET_api_top_shows_new_data_after_the_next_refresh() throws Exception {
    startWith(fifteenTags());

    source.set(new TopTags(UPDATED_AT.plusSeconds(60), List.of(new TagCount("Fresh", 1)), 0));

    await().atMost(Duration.ofSeconds(5)).until(() -> tagsOf(get("/api/top")).equals(List.of("Fresh")));
  }

  @Test
  void many_requests_between_two_refreshes_read_the_source_once() throws Exception {
    source.set(fifteenTags());
    app = new WebApp(source, Duration.ofHours(1)).start("127.0.0.1", 0);
    await().atMost(Duration.ofSeconds(5)).until(() -> tagsOf(get("/api/top")).size() == 10);

    for (int i = 0; i < 25; i++) {
      assertThat(get("/api/top?n=" + (i + 1)).statusCode()).isEqualTo(200);
    }

    assertThat(source.reads()).isEqualTo(1);
  }

  @Test
  void API_answers_are_not_cached_and_carry_the_content_security_policy() throws Exception {
    startWith(fifteenTags());

    HttpResponse<String> response = get("/api/top");

    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; base-uri 'none'; frame-ancestors 'self'");
  }

  private static final Source MASTODON = Source.of(Network.MASTODON);
  private static final Source BLUESKY = Source.of(Network.BLUESKY);

  @Test
  void GET_api_top_with_a_source_answers_that_networks_list_and_every_sources_without_one() throws Exception {
    source.set(new Ranking(View.ALL, MASTODON), new TopTags(UPDATED_AT, List.of(new TagCount("Rust", 30), new TagCount("Fediverse", 20)), 0))
        .set(new Ranking(View.LAST_HOUR, MASTODON), new TopTags(UPDATED_AT, List.of(new TagCount("Fediverse", 4)), 0));
    startWith(fifteenTags());
    await().atMost(Duration.ofSeconds(5)).until(() -> !tagsOf(get("/api/top?source=mastodon")).isEmpty());

    JsonNode mastodon = JSON.readTree(get("/api/top?source=mastodon&n=5").body());
    assertThat(mastodon.get("view").asText()).isEqualTo("all");
    assertThat(mastodon.get("source").asText()).isEqualTo("mastodon");
    assertThat(tagsOf(get("/api/top?source=mastodon&n=5"))).containsExactly("Rust", "Fediverse");
    assertThat(tagsOf(get("/api/top?view=1h&source=mastodon"))).containsExactly("Fediverse");
    // Without a source, and with source=all, every network's list, as before the sources.
    assertThat(tagsOf(get("/api/top?n=2"))).containsExactly("Tag01", "Tag02");
    assertThat(tagsOf(get("/api/top?n=2&source=all"))).containsExactly("Tag01", "Tag02");
    assertThat(JSON.readTree(get("/api/top").body()).get("source").asText()).isEqualTo("all");
  }

  @Test
  void a_network_that_wrote_no_list_has_no_data_which_is_neither_stale_nor_an_error() throws Exception {
    startWith(fifteenTags());

    HttpResponse<String> bluesky = get("/api/top?source=bluesky&view=1h");

    assertThat(bluesky.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(bluesky.body())).isEqualTo(JSON.readTree("""
        {"view": "1h", "source": "bluesky", "updated_at": null, "clock": null, "stale": false, "tags": []}
        """));
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/api/sources").body()).isEqualTo("[]");
  }

  @ParameterizedTest(name = "source={0}")
  @ValueSource(strings = {"facebook", "", "ALL", "Mastodon", "<script>alert(1)</script>"})
  void GET_api_top_with_an_unknown_source_gives_400_and_names_the_sources_echoing_at_most_20_characters(String bad) throws Exception {
    startWith(fifteenTags());

    HttpResponse<String> response = get("/api/top?source=" + URLEncoder.encode(bad, StandardCharsets.UTF_8));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    String echo = bad.length() <= 20 ? bad : bad.substring(0, 20) + "...";
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode()
        .put("error", "source must be one of all, x, mastodon, bluesky, got '" + echo + "'"));
  }

  @Test
  void GET_api_sources_lists_exactly_the_networks_whose_all_time_list_has_tags_with_their_newest_post() throws Exception {
    Instant mastodonNewest = Instant.parse("2026-11-25T12:30:00Z");
    Instant blueskyNewest = Instant.parse("2026-11-25T12:31:00Z");
    // Bluesky first, to show that the order is the networks' own; X's row exists but holds no tag.
    source.set(new Ranking(View.ALL, BLUESKY), new TopTags(UPDATED_AT, blueskyNewest, List.of(new TagCount("Sky", 1)), 0))
        .set(new Ranking(View.ALL, MASTODON), new TopTags(UPDATED_AT, mastodonNewest, List.of(new TagCount("Rust", 3)), 0))
        .set(new Ranking(View.ALL, Source.of(Network.X)), new TopTags(UPDATED_AT, mastodonNewest, List.of(), 0))
        // A window's list alone does not make a source: the all-time list says who ever posted.
        .set(new Ranking(View.LAST_HOUR, Source.of(Network.X)), new TopTags(UPDATED_AT, mastodonNewest, List.of(new TagCount("Late", 1)), 0));
    startWith(fifteenTags());

    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(JSON.readTree(get("/api/sources").body()))
        .isEqualTo(JSON.readTree("""
            [{"source": "mastodon", "label": "Mastodon", "newest": "2026-11-25T12:30:00Z"},
             {"source": "bluesky", "label": "Bluesky", "newest": "2026-11-25T12:31:00Z"}]
            """)));
    HttpResponse<String> response = get("/api/sources");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
  }
}
