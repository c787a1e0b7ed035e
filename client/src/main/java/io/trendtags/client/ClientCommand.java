package io.trendtags.client;

import io.trendtags.client.replay.Replay;
import io.trendtags.client.replay.ReplayProgress;
import io.trendtags.client.replay.ReplayStats;
import io.trendtags.client.replay.TimelineSource;
import io.trendtags.client.sink.KafkaTweetSink;
import io.trendtags.client.sink.SinkException;
import io.trendtags.client.sink.TweetSink;
import io.trendtags.client.sink.TweetTopic;
import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.EffectiveConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./trendtags client}: the timeline client, replaying a timeline file into Kafka. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    description = {
      "Writes tweets to Kafka, one record per tweet: key = the tweet id, value = its X API v2 JSON.",
      "Without credentials it replays a timeline file (by default the bundled one: 4,000 tweets of one day) "
          + "at --rate tweets per second. Reading the real X home timeline with the four credentials is "
          + "not available yet.",
      "With --loop the file is replayed again and again. The stream counts each tweet id once, so pass k "
          + "(from 0) adds k x 1,000,000,000,000,000 to every id: each pass is new tweets and the counts keep "
          + "moving. The loop stops by itself when ids would pass 19 digits (thousands of passes).",
      "A line of the file that is not a Tweet object is reported with its line number and skipped.",
      "Creates the topic (--partitions, replication 1) if it does not exist. Ctrl-C or SIGTERM stops it "
          + "cleanly: tweets handed to Kafka are flushed first.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:replayed", "1:Kafka or the file failed", "2:bad usage, or X credentials (not yet available)"})
public final class ClientCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ClientCommand.class);
  private static final double PROGRESS_EVERY_SECONDS = 5;
  private static final long STOP_GRACE_SECONDS = 10;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "[CONSUMER_KEY CONSUMER_SECRET ACCESS_TOKEN ACCESS_SECRET]",
      hideParamSyntax = true,
      description = "X API credentials (not yet available: leave them out to replay). Never printed.")
  List<String> credentials = List.of();

  @Option(names = "--replay", paramLabel = "FILE",
      description = "JSON lines of X API v2 Tweet objects to replay (default: the bundled timeline).")
  Path replay;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "50",
      description = "Tweets per second; 0 = as fast as Kafka takes them (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--loop", description = "Replay again and again, each pass with new ids (see above).")
  boolean loop;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String kafka;

  @Option(names = "--topic", defaultValue = "tweets", description = "Topic to write to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "2",
      description = "Partitions of the topic when this creates it (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Keep the replay's position here and resume from it on the next start (default: none).")
  Path stateDir;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option defaults.")
  Path config;

  public static void main(String[] args) {
    int code = new CommandLine(new ClientCommand())
        .setDefaultValueProvider(ConfigDefaults.load(args))
        .execute(args);
    System.exit(code);
  }

  @Override
  public Integer call() {
    if (!credentials.isEmpty()) {
      // Never echo them: a shell history is enough of a leak.
      spec.commandLine().getErr().println(credentials.size() == 4
          ? "client: reading the X API is not yet available: run without credentials to replay a timeline."
          : "client: give all four credentials (CONSUMER_KEY CONSUMER_SECRET ACCESS_TOKEN ACCESS_SECRET) or "
              + "none; got " + credentials.size() + ". Reading the X API is not yet available anyway: run "
              + "without credentials to replay a timeline.");
      return 2;
    }
    if (rate < 0 || Double.isNaN(rate)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 0 or more, not " + rate);
    }
    if (partitions < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be 1 or more");
    }
    if (replay != null && !Files.isReadable(replay)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--replay: cannot read " + replay);
    }
    TimelineSource source = replay == null ? TimelineSource.bundled() : TimelineSource.file(replay);
    LOG.info("{}", EffectiveConfig.describe(spec));
    try {
      TweetTopic.ensureExists(kafka, topic, partitions);
      return replay(source, new KafkaTweetSink(kafka, topic));
    } catch (SinkException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    } catch (IOException e) {
      LOG.error("cannot read {}: {}", source.name(), e.toString());
      return 1;
    }
  }

  /** Replays into the sink, then closes it, also when a SIGTERM ends the replay. */
  private int replay(TimelineSource source, TweetSink sink) throws IOException {
    ReplayProgress progress = new ReplayProgress(PROGRESS_EVERY_SECONDS, System::nanoTime, LOG::info);
    Replay replayer = new Replay(source, sink, rate, loop, progress, stateDir);
    CountDownLatch done = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Thread hook = new Thread(() -> {
      replayer.stop();
      main.interrupt();
      try {
        // The JVM exits when the hooks return: wait for the flush and close first.
        done.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "client-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    System.out.println("TRENDTAGS READY client kafka=" + kafka + " topic=" + topic);
    System.out.flush();
    try {
      LOG.info("replaying {} to topic {} at {}", source.name(), topic, rate == 0 ? "full speed" : rate + " tweets/s");
      ReplayStats stats = replayer.run();
      LOG.info("sent {} tweets in {} pass(es); {} bad line(s) skipped", stats.sent(), stats.passes(), stats.bad());
      return 0;
    } finally {
      sink.close();
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it waits on `done`, which we just released.
      }
    }
  }
}
