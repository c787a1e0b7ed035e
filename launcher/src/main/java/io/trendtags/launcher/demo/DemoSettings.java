package io.trendtags.launcher.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one demo run was asked for.
 *
 * @param timeline the user's own home timeline (X, Mastodon, Bluesky) to read instead of the synthetic one, or null
 * @param cluster whether the job runs on a Spark standalone cluster and a three-node Kafka, on this machine
 */
public record DemoSettings(Path dataDir, boolean fresh, int rate, int webPort, OwnTimeline timeline, boolean cluster) {

  /** A demo in local mode that replays the bundled timeline. */
  public DemoSettings(Path dataDir, boolean fresh, int rate, int webPort) {
    this(dataDir, fresh, rate, webPort, null, false);
  }

  Path logs() {
    return dataDir.resolve("logs");
  }

  /**
   * The user's own home timeline for the client, and how it gets the credentials: environment variables set
   * for it alone (never its arguments, which every local user can read in the process list, and never
   * inherited by the other stages), or a credentials file it reads.
   *
   * @param network         {@code x}, {@code mastodon} or {@code bluesky}
   * @param clientArgs      the client's options that name the account ({@code --source mastodon --instance URL})
   * @param environment     the network's {@code TRENDTAGS_*} credential variables for the client process
   * @param credentialsFile a properties file for the client's {@code --credentials}, or null
   */
  public record OwnTimeline(String network, List<String> clientArgs, Map<String, String> environment, Path credentialsFile) {

    public OwnTimeline {
      clientArgs = List.copyOf(clientArgs);
      environment = Map.copyOf(environment);
    }

    /** X's timeline, as the X-only demo had it. */
    public OwnTimeline(Map<String, String> environment, Path credentialsFile) {
      this("x", List.of(), environment, credentialsFile);
    }

    @Override
    public String toString() {
      return "OwnTimeline[network=" + network + ", args=" + clientArgs + ", environment=" + environment.keySet() + ", credentialsFile=" + credentialsFile + "]";
    }
  }
}
