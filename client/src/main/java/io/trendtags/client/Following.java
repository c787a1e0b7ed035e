package io.trendtags.client;

import io.trendtags.client.bluesky.BlueskyApi;
import io.trendtags.client.bluesky.BlueskyTimeline;
import io.trendtags.client.feed.HomeFeed;
import io.trendtags.client.feed.Secret;
import io.trendtags.client.mastodon.MastodonApi;
import io.trendtags.client.mastodon.MastodonStream;
import io.trendtags.client.mastodon.MastodonTimeline;
import io.trendtags.client.ops.ClientMetrics;
import io.trendtags.client.x.HomeTimeline;
import io.trendtags.client.x.OAuth1Signer;
import io.trendtags.client.x.XApi;
import io.trendtags.client.x.XCredentials;
import java.net.URI;
import java.time.Duration;

/**
 * One network's home timeline wired for the client, from options already checked: the feed, what must be open
 * beside it while it runs (Mastodon's stream), and what to tell a user whose credentials the network refused.
 *
 * @param rejected the log line for refused credentials, with one {@code {}} for the network's answer
 */
record Following(HomeFeed feed, String rejected, Opener opener) {

  /** X's page size: the most {@code max_results} allows. */
  private static final int X_PAGE_SIZE = 100;

  /** Something opened once Kafka is there and closed when the follower stops. */
  @FunctionalInterface
  interface Opener {
    AutoCloseable open() throws InterruptedException;
  }

  static Following x(URI apiBaseUrl, XCredentials credentials, Duration timeout, ClientMetrics metrics) {
    return new Following(new HomeTimeline(new XApi(apiBaseUrl, new OAuth1Signer(credentials), timeout, metrics), X_PAGE_SIZE),
        "X refused the credentials ({}). Check the four values (consumer key and secret of your app, access token "
            + "and secret of your user), or regenerate the access token in the developer portal; the app needs read "
            + "access.", Following::nothing);
  }

  /** REST catch-ups, woken by the streaming API. */
  static Following mastodon(URI instance, Secret token, Duration timeout, Duration pollInterval, ClientMetrics metrics) {
    MastodonApi api = new MastodonApi(instance, token, timeout, metrics);
    MastodonTimeline timeline = new MastodonTimeline(api);
    return new Following(timeline, "Mastodon refused the access token ({}). Check " + ClientCommand.MASTODON_TOKEN
        + " (or mastodon-token in --credentials): create one under Preferences > Development > New application "
        + "with scope read:statuses, and copy \"Your access token\".", () -> {
          MastodonStream stream = MastodonStream.open(api, token, timeout, pollInterval);
          timeline.follow(stream);
          return stream;
        });
  }

  /** getTimeline read from the top, the session refreshed when it expires. */
  static Following bluesky(URI service, String handle, Secret appPassword, Duration timeout, ClientMetrics metrics) {
    return new Following(new BlueskyTimeline(new BlueskyApi(service, timeout, metrics), handle, appPassword),
        "Bluesky refused the handle or app password ({}). Check --handle and " + ClientCommand.BLUESKY_APP_PASSWORD
            + " (or bluesky-app-password in --credentials): create an app password in Settings > Privacy and "
            + "security > App passwords.", Following::nothing);
  }

  private static AutoCloseable nothing() {
    return () -> { };
  }
}
