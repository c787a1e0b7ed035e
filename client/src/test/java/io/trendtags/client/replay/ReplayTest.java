package io.trendtags.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.client.sink.ListTweetSink;
import io.trendtags.client.sink.ListTweetSink.Sent;
import io.trendtags.core.tweet.Tweet;
import io.trendtags.core.tweet.TweetParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

  private static final String ONE = "{\"id\":\"100\",\"text\":\"#Java 😀\",\"lang\":\"en\"}";
  private static final String TWO = "{\"id\":\"200\",\"text\":\"東京 #東京\"}";

  @TempDir Path dir;
  private final ListTweetSink sink = new ListTweetSink();
  private final List<String> progress = new ArrayList<>();

  private Path file(String... lines) throws Exception {
    return Files.write(dir.resolve("timeline.jsonl"), List.of(lines), StandardCharsets.UTF_8);
  }

  private Replay replay(Path file, boolean loop) {
    return new Replay(TimelineSource.file(file), sink, new Pacer(0, new PacerTest.FakeClock()), loop,
        new ReplayProgress(5, System::nanoTime, progress::add));
  }

  @Test
  void sendsEachTweetWithItsIdAsKeyAndTheLineAsValue() throws Exception {
    ReplayStats stats = replay(file(ONE, TWO), false).run();
    assertThat(sink.sent()).containsExactly(new Sent("100", ONE), new Sent("200", TWO));
    assertThat(stats).isEqualTo(new ReplayStats(2, 0, 1));
    assertThat(sink.flushes()).isEqualTo(1);
  }

  @Test
  void stampsEachTweetWithTheTimeItIsSentAndKeepsTheRest() throws Exception {
    Instant sendTime = Instant.parse("2026-12-01T10:00:00Z");
    replay(file(ONE, TWO), false).stampingSendTime(() -> sendTime).run();

    assertThat(sink.sent()).extracting(Sent::id).containsExactly("100", "200");
    Tweet first = TweetParser.parse(sink.sent().get(0).json());
    assertThat(first.createdAt()).isEqualTo(sendTime);
    assertThat(first.text()).isEqualTo("#Java 😀");
  }

  @Test
  void aBadLineIsCountedAndSkipped() throws Exception {
    ReplayStats stats = replay(file(ONE, "not json", "{\"text\":\"no id\"}", "", TWO), false).run();
    assertThat(sink.sent()).extracting(Sent::id).containsExactly("100", "200");
    assertThat(stats.bad()).isEqualTo(3);
  }

  @Test
  void eachLoopPassBringsNewIdsAndTheSameTweets() throws Exception {
    Replay[] running = new Replay[1];
    ListTweetSink stopping = new ListTweetSink() {
      @Override
      public void send(String id, byte[] json) {
        super.send(id, json);
        if (sent().size() == 5) {
          running[0].stop();
        }
      }
    };
    running[0] = new Replay(TimelineSource.file(file(ONE, TWO)), stopping, new Pacer(0, new PacerTest.FakeClock()),
        true, new ReplayProgress(5, System::nanoTime, progress::add));

    ReplayStats stats = running[0].run();

    assertThat(stopping.sent()).extracting(Sent::id)
        .containsExactly("100", "200", "1000000000000100", "1000000000000200", "2000000000000100");
    assertThat(stopping.sent().get(2).json()).isEqualTo(ONE.replace("\"100\"", "\"1000000000000100\""));
    assertThat(stats).isEqualTo(new ReplayStats(5, 0, 3));
  }

  @Test
  void aLoopOverAFileWithoutTweetsEnds() throws Exception {
    ReplayStats stats = replay(file("not a tweet"), true).run();
    assertThat(stats).isEqualTo(new ReplayStats(0, 1, 1));
  }

  @Test
  void aRestartedReplayResumesAfterTheLastSavedPosition() throws Exception {
    Path timeline = file(ONE, TWO);
    Path state = dir.resolve("state");
    Replay[] running = new Replay[1];
    ListTweetSink first = new ListTweetSink() {
      @Override
      public void send(String id, byte[] json) {
        super.send(id, json);
        if (sent().size() == 3) {
          running[0].stop();
        }
      }
    };
    running[0] = new Replay(TimelineSource.file(timeline), first, new Pacer(0, new PacerTest.FakeClock()), true,
        new ReplayProgress(5, System::nanoTime, progress::add), state);
    running[0].run();

    ListTweetSink second = new ListTweetSink();
    Replay resumed = new Replay(TimelineSource.file(timeline), second, new Pacer(0, new PacerTest.FakeClock()), false,
        new ReplayProgress(5, System::nanoTime, progress::add), state);
    resumed.run();

    // First run: 100, 200 (pass 0) and pass 1's first tweet; the second goes on with pass 1's second.
    assertThat(first.sent()).extracting(Sent::id)
        .containsExactly("100", "200", PassIds.idInPass("100", 1));
    assertThat(second.sent()).extracting(Sent::id).containsExactly(PassIds.idInPass("200", 1));
    assertThat(ReplayPosition.load(state)).isEqualTo(new ReplayPosition(2, 0));
  }

  @Test
  void aStopThatInterruptsASendSavesThePositionBeforeThatTweetSoTheNextStartSendsIt() throws Exception {
    Path timeline = file(ONE, TWO, "{\"id\":\"300\",\"text\":\"#three\"}", "{\"id\":\"400\",\"text\":\"#four\"}");
    Path state = dir.resolve("state");
    ListTweetSink first = new ListTweetSink() {
      @Override
      public void send(String id, byte[] json) {
        if (sent().size() == 2) {
          // What KafkaTweetSink does when the stop interrupts a send waiting for the broker.
          throw new io.trendtags.client.sink.SendInterruptedException(new InterruptedException());
        }
        super.send(id, json);
      }
    };
    new Replay(TimelineSource.file(timeline), first, new Pacer(0, new PacerTest.FakeClock()), false,
        new ReplayProgress(5, System::nanoTime, progress::add), state).run();

    ListTweetSink second = new ListTweetSink();
    new Replay(TimelineSource.file(timeline), second, new Pacer(0, new PacerTest.FakeClock()), false,
        new ReplayProgress(5, System::nanoTime, progress::add), state).run();

    assertThat(first.sent()).extracting(Sent::id).containsExactly("100", "200");
    assertThat(first.flushes()).isPositive(); // what was handed over is stored before the position is saved
    assertThat(second.sent()).extracting(Sent::id).containsExactly("300", "400");
  }
}
