package io.trendtags.client;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trendtags.client.ops.ClientMetrics;
import io.trendtags.client.replay.Replay;
import io.trendtags.client.replay.ReplayProgress;
import io.trendtags.client.replay.ReplayStats;
import io.trendtags.client.replay.SyntheticFeed;
import io.trendtags.client.replay.SyntheticTimeline;
import io.trendtags.client.replay.TimelineSource;
import io.trendtags.client.sink.KafkaTopicLedger;
import io.trendtags.client.sink.KafkaTweetSink;
import io.trendtags.client.sink.SinkException;
import io.trendtags.client.sink.TweetSink;
import io.trendtags.client.feed.BackfillLimit;
import io.trendtags.client.feed.BackfillProgress;
import io.trendtags.client.feed.FeedFollower;
import io.trendtags.client.feed.HomeFeed;
import io.trendtags.client.feed.Secret;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.x.XCredentials;
import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.MetricsPortConverter;
import io.trendtags.core.config.DurationConverter;
import io.trendtags.core.config.EffectiveConfig;
import io.trendtags.observe.OpsServer;
import io.trendtags.observe.StageMetrics;
import io.trendtags.topics.TopicException;
import io.trendtags.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
  private static final double PROGRESS_EVERY_SECONDS = 5;
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

  @Option(names = "--instance", paramLabel = "URL",
      description = "Mastodon: your instance, e.g. https://mastodon.social. The access token (scope read:statuses; "
          + "Preferences > Development > New application) comes from TRENDTAGS_MASTODON_TOKEN, else --credentials "
          + "FILE (key mastodon-token); never from an argument.")
  URI instance;

  @Option(names = "--handle", paramLabel = "HANDLE",
      description = "Bluesky: your handle, e.g. alice.bsky.social. The app password (Settings > Privacy and security "
          + "> App passwords) comes from TRENDTAGS_BLUESKY_APP_PASSWORD, else --credentials FILE (key "
          + "bluesky-app-password); never from an argument.")
  String handle;

  @Option(names = "--service", paramLabel = "URL", defaultValue = "https://bsky.social",
      description = "Bluesky: the server to sign in at and read from (default: ${DEFAULT-VALUE}).")
  URI service;

  @Option(names = "--api-base-url", paramLabel = "URL", defaultValue = "https://api.x.com",
      description = "X API base URL (default: ${DEFAULT-VALUE}).")
  URI apiBaseUrl;

  @Option(names = "--backfill", paramLabel = "N|AGE", defaultValue = "24h",
      description = "First run only: how far back to read, tweets (500) or an age (24h, 90m, 7d); at most "
          + BackfillLimit.MAX_TWEETS + " tweets (default: ${DEFAULT-VALUE}).")
  String backfill;

  @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "60",
      description = "Seconds between two polls for new posts; the rate limit (X: 180 requests per 15 minutes) "
          + "paces it further when needed. Mastodon's streaming API ends the wait as soon as a post comes "
          + "(default: ${DEFAULT-VALUE}).")
  double pollInterval;

  @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds to wait for one API response before trying again (default: ${DEFAULT-VALUE}).")
  double requestTimeout;

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

  @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String kafka;

  @Option(names = "--topic", defaultValue = "tweets", description = "Topic to write to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--partitions", paramLabel = "N", defaultValue = "2",
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
  private BackfillLimit backfillLimit;

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
    if (rate < 0 || Double.isNaN(rate)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 0 or more, not " + rate);
    }
    if (replay != null && !Files.isReadable(replay)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--replay: cannot read " + replay);
    }
    if (synthetic && replay != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--synthetic and --replay exclude each other: give one");
    }
    TimelineSource source = replay == null ? TimelineSource.bundled() : TimelineSource.file(replay);
    LOG.info("{}", EffectiveConfig.describe(spec));
    try {
      startOps(null);
    } catch (IOException e) {
      LOG.error("{}", e.getMessage());
      return 1;
    }
    try {
      Topics.ensure(kafka, topic, partitions, replicationFactor, Topics.BROKER_TIMES);
      if (synthetic) {
        return synthetic(new KafkaTweetSink(kafka, topic, metrics));
      }
      return replay(source, new KafkaTweetSink(kafka, topic, metrics));
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
    Duration timeout = checkFollowOptions();
    requireHttpUrl(apiBaseUrl, "--api-base-url must be an http(s) URL, not " + apiBaseUrl);
    return follow(Following.x(apiBaseUrl, x, timeout, metrics));
  }

  private int followMastodon() {
    Duration timeout = checkFollowOptions();
    Secret token = secret(MASTODON_TOKEN, "mastodon-token", "--source mastodon", "your access token");
    requireHttpUrl(instance, "--source mastodon needs --instance, your instance's URL (e.g. https://mastodon.social)");
    return follow(Following.mastodon(instance, token, timeout, pollEvery(), metrics));
  }

  private int followBluesky() {
    Duration timeout = checkFollowOptions();
    Secret password = secret(BLUESKY_APP_PASSWORD, "bluesky-app-password", "--source bluesky", "an app password");
    if (handle == null || handle.isBlank()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--source bluesky needs --handle, e.g. alice.bsky.social");
    }
    requireHttpUrl(service, "--service must be an http(s) URL, not " + service);
    return follow(Following.bluesky(service, handle.strip(), password, timeout, metrics));
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

  private void requireHttpUrl(URI url, String message) {
    if (url == null || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
      throw new CommandLine.ParameterException(spec.commandLine(), message);
    }
  }

  /** Checks the options every home timeline shares; the request timeout. */
  private Duration checkFollowOptions() {
    if (replay != null || synthetic) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--replay or --synthetic and a home timeline exclude each other: give one");
    }
    try {
      backfillLimit = BackfillLimit.parse(backfill);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!(pollInterval > 0) || !(requestTimeout > 0)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--poll-interval and --request-timeout must be more than 0");
    }
    return Duration.ofMillis((long) (requestTimeout * 1000));
  }

  private Duration pollEvery() {
    return Duration.ofMillis((long) (pollInterval * 1000));
  }

  /** Follows a home timeline into Kafka until stopped. */
  private int follow(Following following) {
    HomeFeed feed = following.feed();
    String network = feed.network();
    Path state = stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".trendtags", "client");
    LOG.info("{}", EffectiveConfig.describe(spec));
    BackfillProgress progress = new BackfillProgress(backfillLimit, System.console() != null ? System.err : null, LOG::info);
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
      FeedFollower follower = new FeedFollower(feed, sink, ledger, state, backfillLimit, pollEvery(), progress);
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

  /** Replays into the sink, then closes it, also when a SIGTERM ends the replay. */
  private int replay(TimelineSource source, TweetSink sink) throws IOException {
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
        ready(null);
        LOG.info("replaying {} to topic {} at {}", source.name(), topic, rate == 0 ? "full speed" : rate + " tweets/s");
        ReplayStats stats = replayer.run();
        LOG.info("sent {} tweets in {} pass(es); {} bad line(s) skipped", stats.sent(), stats.passes(), stats.bad());
        return 0;
      }, sink);
    } catch (ApiException e) {
      throw new IllegalStateException("a replay does not call X", e);
    }
  }

  /** Sends the synthetic timeline into the sink until stopped, then closes it. */
  private int synthetic(TweetSink sink) throws IOException {
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
        ready("synthetic");
        LOG.info("sending a synthetic timeline (seed {}) to topic {} at {} tweets/s, a surge every {}", seed, topic, rate, surgeEvery);
        LOG.info("stopped; sent {} tweets", feed.run());
        return 0;
      }, sink);
    } catch (ApiException e) {
      throw new IllegalStateException("a synthetic timeline does not call X", e);
    }
  }

  private void ready(String source) {
    System.out.println("TRENDTAGS READY client kafka=" + kafka + " topic=" + topic + (source == null ? "" : " source=" + source)
        + (ops == null ? "" : " metrics=" + ops.metricsUrl()));
    System.out.flush();
  }
}
