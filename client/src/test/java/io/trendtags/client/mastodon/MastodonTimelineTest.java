package io.trendtags.client.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.BackfillLimit;
import io.trendtags.client.feed.BackfillProgress;
import io.trendtags.client.feed.Backoff;
import io.trendtags.client.feed.FeedFollower;
import io.trendtags.client.feed.FeedState;
import io.trendtags.client.feed.Secret;
import io.trendtags.client.feed.Time;
import io.trendtags.client.ops.ClientMetrics;
import io.trendtags.client.sink.ListTopicLedger;
import io.trendtags.client.sink.ListTweetSink;
import io.trendtags.client.testing.BackgroundFollower;
import io.trendtags.client.testing.CapturedLog;
import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.post.Network;
import io.trendtags.core.post.Post;
import io.trendtags.core.post.PostParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower on a Mastodon home timeline, against a local instance that follows Mastodon's contract
 * ({@link FakeMastodon}), with the sink and ledger in memory: backfill across pages, live posts through the
 * stream (the poll interval an hour, so nothing else could bring them), a stream down with posts in the
 * gap, polling without a streaming API, 429 and 206, boosts, a bad token, and a restart after a crash.
 */
class MastodonTimelineTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration AN_HOUR = Duration.ofHours(1);

  @TempDir Path stateDir;

  private FakeMastodon mastodon;
  private CapturedLog log;
  private final ListTweetSink sink = new ListTweetSink();
  private final List<Running> running = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    mastodon = new FakeMastodon();
    log = new CapturedLog();
  }

  @AfterEach
  void stop() {
    running.forEach(Running::stop);
    mastodon.close();
    try {
      assertThat(log.lines()).as("no token in any log line").noneSatisfy(line -> assertThat(line).contains(FakeMastodon.TOKEN));
    } finally {
      log.close();
    }
  }

  private record Running(BackgroundFollower background, MastodonStream stream) {
    void stop() {
      background.stop();
      if (stream != null) {
        stream.close();
      }
    }

    CompletableFuture<Long> result() {
      return background.result();
    }
  }

  private Running follow(String backfill, Duration pollInterval, boolean streaming) throws Exception {
    return follow(backfill, pollInterval, streaming, FakeMastodon.TOKEN);
  }

  private Running follow(String backfill, Duration pollInterval, boolean streaming, String token) throws Exception {
    MastodonApi api = new MastodonApi(mastodon.baseUrl(), Secret.of(token), Duration.ofSeconds(2), ClientMetrics.unserved());
    MastodonTimeline timeline = new MastodonTimeline(api, Time.SYSTEM, new Backoff(10, 200, new Random(7)));
    MastodonStream stream = streaming ? MastodonStream.open(api, Secret.of(token), Duration.ofSeconds(2), pollInterval) : null;
    if (stream != null) {
      timeline.follow(stream);
    }
    BackfillLimit limit = BackfillLimit.parse(backfill);
    FeedFollower follower = new FeedFollower(timeline, sink, new ListTopicLedger(sink), stateDir, limit, pollInterval,
        new BackfillProgress(limit, null, s -> {}));
    Running r = new Running(BackgroundFollower.start(follower), stream);
    running.add(r);
    return r;
  }

  private List<String> sentKeys() {
    return sink.sent().stream().map(ListTweetSink.Sent::id).toList();
  }

  private void awaitSent(List<String> ids) {
    List<String> keys = ids.stream().map(id -> "mastodon:" + id).toList();
    Awaitility.await("statuses in the sink").atMost(WAIT).until(() -> sentKeys().size() >= keys.size());
    assertThat(sentKeys()).containsExactlyElementsOf(keys);
  }

  private long requests(String param) {
    return mastodon.requests().stream().filter(r -> r.path().endsWith("/home") && r.query().containsKey(param)).count();
  }

  @Test
  void backfillsEveryPageOldestFirstThenTakesLivePostsTheMomentTheStreamSaysSo() throws Exception {
    List<String> first = mastodon.post(95); // three pages of 40
    follow("1000", AN_HOUR, true);
    awaitSent(first);
    assertThat(requests("max_id")).as("two pages after the first by the Link header, then the empty one that ends it").isEqualTo(3);
    Awaitility.await().atMost(WAIT).until(() -> mastodon.openStreams() == 1);

    List<String> all = new ArrayList<>(first);
    all.addAll(mastodon.post(3));
    awaitSent(all); // the poll interval is an hour: only the stream's word could bring them
    assertThat(mastodon.requests()).anySatisfy(r -> assertThat(r.query()).containsEntry("min_id", first.get(94)));

    Post read = PostParser.parse(sink.sent().get(0).json());
    assertThat(read.network()).isEqualTo(Network.MASTODON);
    assertThat(HashtagExtractor.hashtags(read.content())).containsExactly("fediverse", "tag0");
    assertThat(FeedState.load(stateDir, "mastodon").newestId()).isEqualTo(all.get(all.size() - 1));
  }

  @Test
  void catchesUpWithMinIdOnEveryReconnectSoAGapInTheStreamLosesNothing() throws Exception {
    List<String> first = mastodon.post(2);
    follow("1000", AN_HOUR, true);
    awaitSent(first);
    Awaitility.await().atMost(WAIT).until(() -> mastodon.openStreams() == 1);

    mastodon.streamingDown(true);
    mastodon.dropStreams();
    Awaitility.await().atMost(WAIT).until(() -> mastodon.openStreams() == 0);
    List<String> all = new ArrayList<>(first);
    all.addAll(mastodon.post(45)); // more than a page, while no stream is open: no event will ever say so
    long refusedBefore = mastodon.requests().stream().filter(r -> r.path().endsWith("/user")).count();
    Awaitility.await().atMost(WAIT).until(() -> mastodon.requests().stream().filter(r -> r.path().endsWith("/user")).count() > refusedBefore);
    mastodon.streamingDown(false);

    awaitSent(all);
    assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("the Mastodon stream failed"));
  }

  @Test
  void pollsWhereTheInstanceHasNoStreamingApi() throws Exception {
    mastodon.streamingApi(false);
    List<String> first = mastodon.post(3);
    follow("1000", Duration.ofMillis(100), true);
    awaitSent(first);
    List<String> all = new ArrayList<>(first);
    all.addAll(mastodon.post(2));
    awaitSent(all);
    assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("by polling every"));
  }

  @Test
  void waitsOutA429AndA206AndCountsABoostAsTheBoostersUse() throws Exception {
    mastodon.tooManyRequests(1);
    mastodon.regenerating(2);
    List<String> ids = new ArrayList<>(mastodon.post(2));
    ids.add(mastodon.boost("77", "Boosted"));
    follow("1000", Duration.ofMillis(100), false);
    awaitSent(ids);

    Post boost = PostParser.parse(sink.sent().get(2).json());
    assertThat(boost.authorKey()).isEqualTo("mastodon:77");
    assertThat(HashtagExtractor.hashtags(boost.content())).containsExactly("boosted");
    assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("rate limited (429)"))
        .anySatisfy(l -> assertThat(l).contains("206, the home feed is being regenerated"));
  }

  @Test
  void aBadTokenEndsItWithARejectionThatNamesNoToken() throws Exception {
    Running r = follow("10", AN_HOUR, false, "not-the-token");
    assertThatThrownBy(() -> r.result().get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.kind()).isEqualTo(ApiException.Kind.REJECTED);
          assertThat(e.getMessage()).contains("401").contains("The access token is invalid").doesNotContain("not-the-token");
        });
  }

  @Test
  void aRestartResumesAfterTheSavedPositionAndSkipsWhatKafkaAlreadyHas() throws Exception {
    List<String> first = mastodon.post(4);
    Running one = follow("100", Duration.ofMillis(100), false);
    awaitSent(first);
    one.stop();

    // A crash after Kafka took two new statuses but before the position was saved.
    List<String> more = mastodon.post(3);
    sink.send("mastodon:" + more.get(0), "{}".getBytes(StandardCharsets.UTF_8));
    sink.send("mastodon:" + more.get(1), "{}".getBytes(StandardCharsets.UTF_8));
    sink.send("123456789", "{}".getBytes(StandardCharsets.UTF_8)); // an X tweet of another client: not ours
    follow("100", Duration.ofMillis(100), false);

    Awaitility.await().atMost(WAIT).until(() -> more.get(2).equals(FeedState.load(stateDir, "mastodon").newestId()));
    List<String> keys = sentKeys();
    assertThat(keys).doesNotHaveDuplicates().endsWith("mastodon:" + more.get(2));
    assertThat(keys).hasSize(first.size() + more.size() + 1);
    assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("2 post(s) reached Kafka after the last saved position"));
  }
}
