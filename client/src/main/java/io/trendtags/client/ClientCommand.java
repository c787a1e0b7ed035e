package io.trendtags.client;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trendtags.client.ops.ClientMetrics;
import io.trendtags.client.replay.TimelineSource;
import io.trendtags.client.sink.KafkaTopicLedger;
import io.trendtags.client.sink.KafkaTweetSink;
import io.trendtags.client.sink.SinkException;
import io.trendtags.client.feed.BackfillProgress;
import io.trendtags.client.feed.FeedFollower;
import io.trendtags.client.feed.HomeFeed;
import io.trendtags.client.feed.Secret;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.x.XCredentials;
import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.MetricsPortConverter;
import io.trendtags.core.config.EffectiveConfig;
import io.trendtags.observe.OpsServer;
import io.trendtags.observe.StageMetrics;
import io.trendtags.topics.TopicException;
import io.trendtags.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code ./trendtags client}: the timeline client, replaying a timeline file into Kafka. */
@Command(
    name = "client",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes posts to Kafka, one record per post: key = the post's id (mastodon:<id>, bluesky:<uri>), value = "
          + "the network's own JSON (an X API v2 Tweet, a Mastodon Status, a Bluesky feed item).",
      "With X credentials (or --source x) it reads your X home timeline: the first run backfills (--backfill), "
          + "then it polls for new tweets every --poll-interval, signs every request with OAuth 1.0a, paces itself "
          + "by X's rate-limit headers and keeps its position in --state-dir, so a restart neither skips nor "
          + "re-sends a tweet. Credentials come from the four arguments, else the environment "
          + "(TRENDTAGS_X_CONSUMER_KEY, TRENDTAGS_X_CONSUMER_SECRET, TRENDTAGS_X_ACCESS_TOKEN, "
          + "TRENDTAGS_X_ACCESS_SECRET), else --credentials FILE (properties consumer-key, consumer-secret, "
          + "access-token, access-secret). Arguments are visible to other local users in the process list: "
          + "prefer the environment or the file.",
      "With --source mastodon --instance URL it reads your Mastodon home timeline the same way: a backfill, then "
          + "catch-ups with min_id that the streaming API starts the moment a post comes (polls where there is "
          + "no streaming API). The token comes from TRENDTAGS_MASTODON_TOKEN or --credentials FILE "
          + "(mastodon-token).",
      "With --source bluesky --handle HANDLE it reads your Bluesky home timeline: it signs in with an app password "
          + "(TRENDTAGS_BLUESKY_APP_PASSWORD or --credentials FILE, key bluesky-app-password), refreshes the session "
          + "when it expires, backfills, then polls getTimeline from the top as far as the newest post it sent.",
      "Without credentials it replays a timeline file (by default the bundled one: 4,000 tweets of one day) "
          + "at --rate tweets per second.",
      "With --loop the file is replayed again and again. The stream counts each tweet id once, so pass k "
          + "(from 0) adds k x 1,000,000,000,000,000 to every id: each pass is new tweets and the counts keep "
          + "moving, for as long as it runs.",
      "A line of the file that is not a Tweet object is reported with its line number and skipped.",
      "Creates the topic (--partitions, --replication-factor) if it does not exist. Ctrl-C or SIGTERM stops it "
          + "cleanly: tweets handed to Kafka are flushed first.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:replayed, or stopped", "1:Kafka, the file, the state dir or the network's API failed",
        "2:bad usage", "3:the network refused the credentials (401/403): check or regenerate them"})
public final class ClientCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ClientCommand.class);
  /** X refused the credentials: a distinct code, so a script can tell "fix your keys" from "try later". */
  static final int CREDENTIALS_REJECTED = 3;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "[CONSUMER_KEY CONSUMER_SECRET ACCESS_TOKEN ACCESS_SECRET]",
      hideParamSyntax = true,
      description = "X API credentials (OAuth 1.0a, user context) to read your home timeline; leave them out to "
          + "replay. Never printed. Other local users can read arguments in the process list: prefer the "
          + "environment or --credentials.")
  List<String> credentials = List.of();

  @Option(names = "--credentials", paramLabel = "FILE",
      description = "Properties file of credentials, used when the environment does not give them (chmod 600 "
          + "it): X's consumer-key, consumer-secret, access-token, access-secret; mastodon-token; "
          + "bluesky-app-password.")
  Path credentialsFile;

  @Option(names = "--source", paramLabel = "NETWORK",
      description = "Whose home timeline to read: x, mastodon or bluesky (default: x when X credentials are given, "
          + "else a replay of --replay or the bundled timeline).")
  String source;

  // The options of following a home timeline: --instance, --handle, --service, --api-base-url, --backfill,
  // --poll-interval, --request-timeout.
  @Mixin
  FollowOptions follow = new FollowOptions();

  // The options of a replay: --replay, --rate, --loop, --original-times, --synthetic, --seed, --surge-every.
  @Mixin
  ReplayOptions replaying = new ReplayOptions();

  @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String kafka;

  @Option(names = "--topic", defaultValue = "tweets", description = "Topic to write to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + Topics.TWEETS_PARTITIONS,
      description = "Partitions of the topic when this creates it (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", paramLabel = "N",
      description = "Replication factor of the topic when this creates it (default: the cluster's default.replication.factor).")
  Short replicationFactor;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Keep the position here and resume from it on the next start; one per account. Replay: "
          + "default none. A home timeline: default ~/.trendtags/client.")
  Path stateDir;

  @Option(names = "--metrics-port", converter = MetricsPortConverter.class, paramLabel = "PORT", defaultValue = "9101",
      description = "Port of /metrics (Prometheus) and /health on 127.0.0.1; 0 for none (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of option defaults.")
  Path config;

  /** The process environment; tests put their own. */
  Map<String, String> environment = System.getenv();

  /** The environment variable of a Mastodon access token. */
  static final String MASTODON_TOKEN = "TRENDTAGS_MASTODON_TOKEN";
  /** The environment variable of a Bluesky app password. */
  static final String BLUESKY_APP_PASSWORD = "TRENDTAGS_BLUESKY_APP_PASSWORD";

  // Made before the options are checked: the API clients count their requests in it.
  private final PrometheusMeterRegistry registry = StageMetrics.registry("client");
  private final ClientMetrics metrics = new ClientMetrics(registry);
  private OpsServer ops;

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new ClientCommand(), args));
  }


  @Override
  public Integer call() {
    try {
      return send();
    } finally {
      if (ops != null) {
        ops.close();
      }
    }
  }

  /** Starts the metrics port, once the options are known to be good; its health checks the network it follows. */
  private void startOps(String network) throws IOException {
    ops = metricsPort == 0 ? null : OpsServer.start("127.0.0.1", metricsPort, registry, metrics.health(network));
  }

  /** Sends the timeline the options name into Kafka. */
  private int send() {
    if (partitions < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be 1 or more");
    }
    if (source != null && !List.of("x", "mastodon", "bluesky").contains(source)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--source must be x, mastodon or bluesky, not '" + source + "'");
    }
    // Before X's credentials are looked for: a --credentials file of another network has none of X's keys.
    if ("mastodon".equals(source)) {
      return followMastodon();
    }
    if ("bluesky".equals(source)) {
      return followBluesky();
    }
    Optional<XCredentials> x;
    try {
      x = XCredentials.resolve(credentials, environment, credentialsFile);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (x.isPresent() || "x".equals(source)) {
      if (x.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--source x needs X credentials: TRENDTAGS_X_* "
            + "variables or --credentials FILE");
      }
      if (!credentials.isEmpty()) {
        spec.commandLine().getErr().println("client: warning: credentials given as arguments can be read by other "
            + "local users in the process list; prefer TRENDTAGS_X_* variables or --credentials FILE");
      }
      return followX(x.get());
    }
    replaying.check(spec.commandLine());
    TimelineSource source = replaying.source();
    LOG.info("{}", EffectiveConfig.describe(spec));
    try {
      startOps(null);
    } catch (IOException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    }
    try {
      Topics.ensure(kafka, topic, partitions, replicationFactor, Topics.BROKER_TIMES);
      return replaying.run(new KafkaTweetSink(kafka, topic, metrics), topic, stateDir, this::ready);
    } catch (SinkException | TopicException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    } catch (IOException e) {
      LOG.error("cannot read {}: {}", source.name(), e.toString());
      return 1;
    }
  }

  /** Reads the X home timeline into Kafka until stopped. */
  private int followX(XCredentials x) {
    follow.check(spec.commandLine(), replaying.given());
    return follow(follow.x(spec.commandLine(), x, metrics));
  }

  private int followMastodon() {
    follow.check(spec.commandLine(), replaying.given());
    Secret token = secret(MASTODON_TOKEN, "mastodon-token", "--source mastodon", "your access token");
    return follow(follow.mastodon(spec.commandLine(), token, metrics));
  }

  private int followBluesky() {
    follow.check(spec.commandLine(), replaying.given());
    Secret password = secret(BLUESKY_APP_PASSWORD, "bluesky-app-password", "--source bluesky", "an app password");
    return follow(follow.bluesky(spec.commandLine(), password, metrics));
  }

  /** A credential from {@code variable} or the credentials file's {@code key}; never from the arguments. */
  private Secret secret(String variable, String key, String source, String what) {
    if (!credentials.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), source + " takes no credentials as "
          + "arguments (they would show in the process list): use " + variable + " or --credentials FILE");
    }
    try {
      return Secret.resolve(variable, key, environment, credentialsFile).orElseThrow(() ->
          new CommandLine.ParameterException(spec.commandLine(), source + " needs " + what + " in "
              + variable + " or in --credentials FILE (key " + key + ")"));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Follows a home timeline into Kafka until stopped. */
  private int follow(Following following) {
    HomeFeed feed = following.feed();
    String network = feed.network();
    Path state = stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".trendtags", "client");
    LOG.info("{}", EffectiveConfig.describe(spec));
    BackfillProgress progress = new BackfillProgress(follow.backfillLimit(), System.console() != null ? System.err : null, LOG::info);
    try {
      startOps(network);
      Topics.ensure(kafka, topic, partitions, replicationFactor, Topics.BROKER_TIMES);
    } catch (TopicException | IOException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    }
    KafkaTweetSink sink = new KafkaTweetSink(kafka, topic, metrics);
    KafkaTopicLedger ledger = new KafkaTopicLedger(kafka, topic);
    try (AutoCloseable opened = following.opener().open()) {
      FeedFollower follower = new FeedFollower(feed, sink, ledger, state, follow.backfillLimit(), follow.pollEvery(), progress);
      return UntilStopped.run(follower::stop, () -> {
        long sent = follower.run(() -> ready(network));
        LOG.info("stopped; sent {} post(s) in this run", sent);
        return 0;
      }, ledger, sink);
    } catch (ApiException e) {
      if (e.kind() == ApiException.Kind.REJECTED) {
        LOG.error(following.rejected(), e.getMessage());
        return CREDENTIALS_REJECTED;
      }
      LOG.error("{} API: {}", network, e.getMessage());
      return 1;
    } catch (SinkException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    } catch (IOException e) {
      LOG.error("state dir {}: {}", state, e.getMessage());
      return 1;
    } catch (Exception e) {
      LOG.error("{}: {}", network, e.toString());
      return 1;
    }
  }

  private void ready(String source) {
    System.out.println("TRENDTAGS READY client kafka=" + kafka + " topic=" + topic + (source == null ? "" : " source=" + source)
        + (ops == null ? "" : " metrics=" + ops.metricsUrl()));
    System.out.flush();
  }
}
