package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.post.Network;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.TopTagsTable;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * X Tweets, Mastodon Statuses and Bluesky feed items in one topic, each in its network's own JSON as the
 * clients write it, through the real {@code ./trendtags stream} process into HBase: every network counted in
 * the same views and each in views of its own ({@code ?source=}), duplicates dropped per (network, id) while equal ids of two networks both count, a boost and
 * a repost as their booster's use, authors of two networks never merged; and all of it exact again after the
 * job is killed with {@code kill -9} and every record delivered a second time.
 */
class NetworksIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final String TOPIC = "networks-it-posts";
  private static final Duration SETTLE = Duration.ofMinutes(3);
  private static final List<View> VIEWS = List.of(View.ALL, View.LAST_15_MINUTES, View.LAST_HOUR, View.LAST_24_HOURS);
  private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(2));

  private static final Source X = Source.of(Network.X);
  private static final Source MASTODON = Source.of(Network.MASTODON);
  private static final Source BLUESKY = Source.of(Network.BLUESKY);

  private static StreamPipeline pipeline;
  private static TopTagsTable table;
  private static final Map<String, String> records = new LinkedHashMap<>(); // key -> value, in order of sending

  @BeforeAll
  static void start() throws Exception {
    pipeline = StreamPipeline.start(KAFKA, HBASE, TOPIC);
    table = pipeline.table();
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static void send(String key, String json) {
    records.putIfAbsent(key + "#" + records.size(), json);
    pipeline.send(key, json.getBytes(StandardCharsets.UTF_8));
  }

  private static String tweet(String id, String author, String tag) {
    return "{\"id\":\"" + id + "\",\"text\":\"on X #" + tag + "\",\"author_id\":\"" + author + "\",\"created_at\":\"" + AT + "\"}";
  }

  private static String status(String id, String account, String tag) {
    return "{\"id\":\"" + id + "\",\"created_at\":\"" + AT + "\",\"account\":{\"id\":\"" + account + "\"},\"reblog\":null,"
        + "\"content\":\"<p>on Mastodon <a href=\\\"https://m.example/tags/" + tag.toLowerCase() + "\\\" class=\\\"mention hashtag\\\">#<span>"
        + tag + "</span></a></p>\",\"tags\":[{\"name\":\"" + tag.toLowerCase() + "\",\"url\":\"https://m.example/tags/x\"}]}";
  }

  private static String boost(String id, String booster, String boosted) {
    return "{\"id\":\"" + id + "\",\"created_at\":\"" + AT + "\",\"account\":{\"id\":\"" + booster + "\"},\"content\":\"\","
        + "\"tags\":[],\"reblog\":" + boosted + "}";
  }

  private static String post(String uri, String did, String tag, String reason) {
    String text = "Grüße #" + tag;
    int start = "Grüße ".getBytes(StandardCharsets.UTF_8).length;
    return "{\"post\":{\"uri\":\"" + uri + "\",\"author\":{\"did\":\"" + did + "\"},\"indexedAt\":\"" + AT + "\","
        + "\"record\":{\"$type\":\"app.bsky.feed.post\",\"text\":\"" + text + "\",\"createdAt\":\"" + AT + "\","
        + "\"facets\":[{\"index\":{\"byteStart\":" + start + ",\"byteEnd\":" + (start + 1 + tag.getBytes(StandardCharsets.UTF_8).length)
        + "},\"features\":[{\"$type\":\"app.bsky.richtext.facet#tag\",\"tag\":\"" + tag + "\"}]}]}}"
        + (reason == null ? "" : ",\"reason\":" + reason) + "}";
  }

  private static String repost(String uri, String did) {
    return "{\"$type\":\"app.bsky.feed.defs#reasonRepost\",\"uri\":\"" + uri + "\",\"by\":{\"did\":\"" + did + "\"},"
        + "\"indexedAt\":\"" + AT + "\"}";
  }

  /**
   * Every view of each source holds exactly its {@code expected} of this test's tags, in that order. Other tags
   * may be there too: the ITs of this module share one HBase, and a new job goes on from the minute buckets an
   * earlier one wrote.
   */
  private static void awaitEveryView(Map<Source, List<TagCount>> expected) {
    await().atMost(SETTLE).untilAsserted(() -> {
      for (var source : expected.entrySet()) {
        List<String> ours = source.getValue().stream().map(TagCount::tag).toList();
        for (View view : VIEWS) {
          Ranking ranking = new Ranking(view, source.getKey());
          assertThat(table.read(ranking).map(TopTags::tags).orElse(List.of()))
              .as(ranking.toString()).filteredOn(tag -> ours.contains(tag.tag())).containsExactlyElementsOf(source.getValue());
        }
      }
    });
  }

  @Test
  void shouldCountEveryNetworkInTheSameViewsOncePerNetworkAndIdAcrossAKill() throws Exception {
    // The same id and author id on X and on Mastodon: two posts by two people.
    send("42", tweet("42", "7", "Fediverse"));
    send("mastodon:42", status("42", "7", "Fediverse"));
    send("mastodon:42", status("42", "7", "Fediverse")); // a redelivery: once
    String bobPost = "at://did:plc:bob/app.bsky.feed.post/3lbob";
    send("bluesky:" + bobPost, post(bobPost, "did:plc:bob", "Fediverse", null));
    String carolRepost = "at://did:plc:carol/app.bsky.feed.repost/3lcarol";
    send("bluesky:" + carolRepost, post(bobPost, "did:plc:bob", "Fediverse", repost(carolRepost, "did:plc:carol")));
    send("bluesky:" + carolRepost, post(bobPost, "did:plc:bob", "Fediverse", repost(carolRepost, "did:plc:carol")));
    // A boost: account 9's use of the boosted status's tags; a tag only Bluesky calls one.
    send("mastodon:43", boost("43", "9", status("40", "8", "Boosted")));
    send("mastodon:45", boost("45", "10", status("40", "8", "Boosted")));
    String eve = "at://did:plc:eve/app.bsky.feed.post/3leve";
    send("bluesky:" + eve, post(eve, "did:plc:eve", "ai-art", null));
    pipeline.flush();

    awaitEveryView(Map.of(
        Source.ALL, List.of(new TagCount("Fediverse", 4, 4), new TagCount("boosted", 2, 2), new TagCount("ai-art", 1, 1)),
        X, List.of(new TagCount("Fediverse", 1, 1)),
        MASTODON, List.of(new TagCount("boosted", 2, 2), new TagCount("fediverse", 1, 1)),
        BLUESKY, List.of(new TagCount("Fediverse", 2, 2), new TagCount("ai-art", 1, 1))));

    // The job killed, and every record delivered again while it is down (a client's crash and resend).
    pipeline.killStream();
    for (Map.Entry<String, String> record : new ArrayList<>(records.entrySet())) {
      pipeline.send(record.getKey().substring(0, record.getKey().lastIndexOf('#')), record.getValue().getBytes(StandardCharsets.UTF_8));
    }
    send("mastodon:44", status("44", "11", "Fediverse"));
    pipeline.flush();
    pipeline.startStream();

    awaitEveryView(Map.of(
        Source.ALL, List.of(new TagCount("Fediverse", 5, 5), new TagCount("boosted", 2, 2), new TagCount("ai-art", 1, 1)),
        X, List.of(new TagCount("Fediverse", 1, 1)),
        MASTODON, List.of(new TagCount("boosted", 2, 2), new TagCount("fediverse", 2, 2)),
        BLUESKY, List.of(new TagCount("Fediverse", 2, 2), new TagCount("ai-art", 1, 1))));
  }
}
