package io.trendtags.client;

import io.trendtags.client.feed.ApiException;
import io.trendtags.client.replay.Replay;
import io.trendtags.client.replay.ReplayProgress;
import io.trendtags.client.replay.ReplayStats;
import io.trendtags.client.replay.SyntheticFeed;
import io.trendtags.client.replay.SyntheticTimeline;
import io.trendtags.client.replay.TimelineSource;
import io.trendtags.client.sink.TweetSink;
import io.trendtags.core.config.DurationConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of a replay, of a timeline file or of the synthetic timeline, and the two runs they choose: a
 * picocli mixin of {@link ClientCommand}, which adds what every run shares (Kafka, the metrics port, the ready line).
 */
final class ReplayOptions {

  // The command's one logger: a user reads one name on every line the client prints.
  private static final Logger LOG = LoggerFactory.getLogger(ClientCommand.class);
  private static final double PROGRESS_EVERY_SECONDS = 5;

  @Option(names = "--replay", paramLabel = "FILE",
      description = "JSON lines of X API v2 Tweet objects to replay (default: the bundled timeline).")
  Path replay;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
      description = "Replay: tweets per second; 0 = as fast as Kafka takes them (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--loop", description = "Replay again and again, each pass with new ids (see above).")
  boolean loop;

  @Option(names = "--original-times", description = "Replay: keep each tweet's created_at as in the file, "
      + "instead of stamping it with the time it is sent.")
  boolean originalTimes;

  @Option(names = "--synthetic", description = "Send an endless made-up timeline instead of a file: tags that rise "
      + "and fade, and a scripted surge every --surge-every (what the demo plays).")
  boolean synthetic;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Synthetic: the seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--surge-every", paramLabel = "DURATION", defaultValue = "4m", converter = DurationConverter.class,
      description = "Synthetic: how often a quiet tag surges, for half that time; the first a minute after start "
          + "(default: ${DEFAULT-VALUE}).")
  Duration surgeEvery;

  /** Whether a file or the synthetic timeline was asked for: a home timeline excludes both. */
  boolean given() {
    return replay != null || synthetic;
  }

  /** Refuses options that cannot make a replay, as picocli refuses a bad argument. */
  void check(CommandLine cli) {
    if (rate < 0 || Double.isNaN(rate)) {
      throw new CommandLine.ParameterException(cli, "--rate must be 0 or more, not " + rate);
    }
    if (replay != null && !Files.isReadable(replay)) {
      throw new CommandLine.ParameterException(cli, "--replay: cannot read " + replay);
    }
    if (synthetic && replay != null) {
      throw new CommandLine.ParameterException(cli, "--synthetic and --replay exclude each other: give one");
    }
  }

  /** The file to replay: {@code --replay}, or the bundled timeline. */
  TimelineSource source() {
    return replay == null ? TimelineSource.bundled() : TimelineSource.file(replay);
  }

  /**
   * Sends the timeline into {@code sink}, then closes it, also when a SIGTERM ends the run.
   *
   * @param stateDir where a replay keeps its position, or null
   * @param ready prints the ready line, given the source it names (null for a file)
   */
  int run(TweetSink sink, String topic, Path stateDir, Consumer<String> ready) throws IOException {
    return synthetic ? synthetic(sink, topic, ready) : replay(source(), sink, topic, stateDir, ready);
  }

  private int replay(TimelineSource source, TweetSink sink, String topic, Path stateDir, Consumer<String> ready)
      throws IOException {
    ReplayProgress progress = new ReplayProgress(PROGRESS_EVERY_SECONDS, System::nanoTime, LOG::info);
    Replay replayer = new Replay(source, sink, rate, loop, progress, stateDir);
    if (!originalTimes) {
      replayer.stampingSendTime(Instant::now);
    }
    Thread main = Thread.currentThread();
    try {
      // Interrupting too ends a wait for the next tweet at a slow rate at once.
      return UntilStopped.run(() -> {
        replayer.stop();
        main.interrupt();
      }, () -> {
        ready.accept(null);
        LOG.info("replaying {} to topic {} at {}", source.name(), topic, rate == 0 ? "full speed" : rate + " tweets/s");
        ReplayStats stats = replayer.run();
        LOG.info("sent {} tweets in {} pass(es); {} bad line(s) skipped", stats.sent(), stats.passes(), stats.bad());
        return 0;
      }, sink);
    } catch (ApiException e) {
      throw new IllegalStateException("a replay does not call X", e);
    }
  }

  private int synthetic(TweetSink sink, String topic, Consumer<String> ready) throws IOException {
    ReplayProgress progress = new ReplayProgress(PROGRESS_EVERY_SECONDS, System::nanoTime, LOG::info);
    Clock clock = Clock.systemUTC();
    SyntheticFeed feed = new SyntheticFeed(
        new SyntheticTimeline(seed, clock.instant(), surgeEvery, surgeEvery.dividedBy(2)), sink, rate, clock, progress);
    Thread main = Thread.currentThread();
    try {
      return UntilStopped.run(() -> {
        feed.stop();
        main.interrupt();
      }, () -> {
        ready.accept("synthetic");
        LOG.info("sending a synthetic timeline (seed {}) to topic {} at {} tweets/s, a surge every {}", seed, topic, rate, surgeEvery);
        LOG.info("stopped; sent {} tweets", feed.run());
        return 0;
      }, sink);
    } catch (ApiException e) {
      throw new IllegalStateException("a synthetic timeline does not call X", e);
    }
  }
}
