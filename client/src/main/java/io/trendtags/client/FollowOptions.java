package io.trendtags.client;

import io.trendtags.client.feed.BackfillLimit;
import io.trendtags.client.feed.Secret;
import io.trendtags.client.ops.ClientMetrics;
import io.trendtags.client.x.XCredentials;
import java.net.URI;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of following a home timeline, and each network's {@link Following} made from them once checked:
 * a picocli mixin of {@link ClientCommand}, which resolves the credentials (they may come from its arguments,
 * the environment or a file) and runs the follower.
 */
final class FollowOptions {

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

  private BackfillLimit backfillLimit;

  /**
   * Refuses options that cannot follow a timeline, as picocli refuses a bad argument. Call it before anything
   * else of this class: it parses {@code --backfill}.
   *
   * @param replaying whether a replay was asked for too
   */
  void check(CommandLine cli, boolean replaying) {
    if (replaying) {
      throw new CommandLine.ParameterException(cli, "--replay or --synthetic and a home timeline exclude each other: give one");
    }
    try {
      backfillLimit = BackfillLimit.parse(backfill);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage());
    }
    if (!(pollInterval > 0) || !(requestTimeout > 0)) {
      throw new CommandLine.ParameterException(cli, "--poll-interval and --request-timeout must be more than 0");
    }
  }

  /** The X home timeline, once {@link #check} passed. */
  Following x(CommandLine cli, XCredentials credentials, ClientMetrics metrics) {
    requireHttpUrl(cli, apiBaseUrl, "--api-base-url must be an http(s) URL, not " + apiBaseUrl);
    return Following.x(apiBaseUrl, credentials, timeout(), metrics);
  }

  /** The Mastodon home timeline, once {@link #check} passed. */
  Following mastodon(CommandLine cli, Secret token, ClientMetrics metrics) {
    requireHttpUrl(cli, instance, "--source mastodon needs --instance, your instance's URL (e.g. https://mastodon.social)");
    return Following.mastodon(instance, token, timeout(), pollEvery(), metrics);
  }

  /** The Bluesky home timeline, once {@link #check} passed. */
  Following bluesky(CommandLine cli, Secret appPassword, ClientMetrics metrics) {
    if (handle == null || handle.isBlank()) {
      throw new CommandLine.ParameterException(cli, "--source bluesky needs --handle, e.g. alice.bsky.social");
    }
    requireHttpUrl(cli, service, "--service must be an http(s) URL, not " + service);
    return Following.bluesky(service, handle.strip(), appPassword, timeout(), metrics);
  }

  /** How far back the first run reads, once {@link #check} passed. */
  BackfillLimit backfillLimit() {
    return backfillLimit;
  }

  Duration pollEvery() {
    return Duration.ofMillis((long) (pollInterval * 1000));
  }

  private Duration timeout() {
    return Duration.ofMillis((long) (requestTimeout * 1000));
  }

  private static void requireHttpUrl(CommandLine cli, URI url, String message) {
    if (url == null || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
      throw new CommandLine.ParameterException(cli, message);
    }
  }
}
