package io.trendtags.client.bluesky;

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
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower on a Bluesky home timeline, against a local server that follows the AT Protocol's contract
 * ({@link FakeBluesky}), with the sink and ledger in memory: a backfill across pages, reposts as the reposter's,
 * new posts found by reading from the top, an expired access token refreshed (not a new sign-in), a 429, a bad
 * app password, and a restart after a crash.
 */
class BlueskyTimelineTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path stateDir;

  private FakeBluesky bluesky;
  private CapturedLog log;
  private final ListTweetSink sink = new ListTweetSink();
  private final List<BackgroundFollower> running = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    bluesky = new FakeBluesky();
    log = new CapturedLog();
  }

  @AfterEach
  void stop() {
    running.forEach(BackgroundFollower::stop);
    bluesky.close();
    try {
      assertThat(log.lines()).as("no password or token in any log line").noneSatisfy(line -> assertThat(line)
          .containsAnyOf(FakeBluesky.APP_PASSWORD, "access-jwt-", "refresh-jwt-"));
    } finally {
      log.close();
    }
  }


  private BackgroundFollower follow(String password) {
    BlueskyApi api = new BlueskyApi(bluesky.baseUrl(), Duration.ofSeconds(2), ClientMetrics.unserved());
    BlueskyTimeline timeline = new BlueskyTimeline(api, FakeBluesky.HANDLE, Secret.of(password), Time.SYSTEM,
        new Backoff(10, 200, new Random(7)));
    BackfillLimit limit = BackfillLimit.parse("1000");
    FeedFollower follower = new FeedFollower(timeline, sink, new ListTopicLedger(sink), stateDir, limit,
        Duration.ofMillis(100), new BackfillProgress(limit, null, s -> {}));
    BackgroundFollower r = BackgroundFollower.start(follower);
    running.add(r);
    return r;
  }

  private List<String> sentKeys() {
    return sink.sent().stream().map(ListTweetSink.Sent::id).toList();
  }

  private void awaitSent(List<String> keys) {
    Awaitility.await("feed items in the sink").atMost(WAIT).until(() -> sentKeys().size() >= keys.size());
    assertThat(sentKeys()).containsExactlyElementsOf(keys);
  }

  @Test
  void backfillsEveryPageOldestFirstThenFindsNewPostsAndRepostsFromTheTop() throws Exception {
    List<String> keys = new ArrayList<>(bluesky.post(230)); // three pages of 100
    keys.add(bluesky.repost("did:plc:carol"));
    follow(FakeBluesky.APP_PASSWORD);
    awaitSent(keys);
    assertThat(bluesky.requests().stream().filter(r -> r.query().containsKey("cursor")).count())
        .as("two pages after the first by the cursor, then the empty one that ends it").isEqualTo(3);

    keys.addAll(bluesky.post(3));
    keys.add(bluesky.repost("did:plc:dave"));
    awaitSent(keys);

    Post first = PostParser.parse(sink.sent().get(0).json());
    assertThat(first.network()).isEqualTo(Network.BLUESKY);
    assertThat(HashtagExtractor.hashtags(first.content())).containsExactly("Bluesky", "tag0");
    Post repost = PostParser.parse(sink.sent().get(sink.sent().size() - 1).json());
    assertThat(repost.key()).isEqualTo(keys.get(keys.size() - 1));
    assertThat(repost.authorKey()).isEqualTo("bluesky:did:plc:dave");
    assertThat(FeedState.load(stateDir, "bluesky").userId()).isEqualTo(FakeBluesky.DID);
  }

  @Test
  void refreshesAnExpiredSessionWithoutSigningInAgainAndWaitsOutA429() throws Exception {
    List<String> keys = new ArrayList<>(bluesky.post(2));
    follow(FakeBluesky.APP_PASSWORD);
    awaitSent(keys);

    bluesky.expireAccessToken();
    bluesky.tooManyRequests(1);
    keys.addAll(bluesky.post(2));
    awaitSent(keys);

    assertThat(bluesky.signIns()).as("one sign-in: the session was refreshed").isEqualTo(1);
    assertThat(bluesky.requests()).anySatisfy(r -> assertThat(r.method()).isEqualTo("refreshSession"));
    assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("rate limited (429)"));
  }

  @Test
  void aWrongAppPasswordEndsItWithARejection() {
    BackgroundFollower r = follow("wxyz-wxyz-wxyz-wxyz");
    assertThatThrownBy(() -> r.result().get(10, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.kind()).isEqualTo(ApiException.Kind.REJECTED);
          assertThat(e.getMessage()).contains("401").contains("Invalid identifier or password").doesNotContain("wxyz");
        });
  }

  @Test
  void aRestartSendsNeitherTwiceNorSkipsAfterACrashBetweenKafkaAndTheSave() throws Exception {
    List<String> first = bluesky.post(4);
    BackgroundFollower one = follow(FakeBluesky.APP_PASSWORD);
    awaitSent(first);
    one.stop();

    List<String> more = new ArrayList<>(bluesky.post(3));
    more.add(bluesky.repost("did:plc:erin"));
    sink.send(more.get(0), "{}".getBytes(StandardCharsets.UTF_8)); // Kafka took two, the position was not saved
    sink.send(more.get(1), "{}".getBytes(StandardCharsets.UTF_8));
    sink.send("mastodon:1234", "{}".getBytes(StandardCharsets.UTF_8)); // another client's: not ours
    follow(FakeBluesky.APP_PASSWORD);

    Awaitility.await().atMost(WAIT).until(() -> FeedState.load(stateDir, "bluesky").newestId().endsWith(more.get(3)));
    assertThat(sentKeys()).doesNotHaveDuplicates().hasSize(first.size() + more.size() + 1).endsWith(more.get(3));
    assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("2 post(s) reached Kafka after the last saved position"));
  }
}
