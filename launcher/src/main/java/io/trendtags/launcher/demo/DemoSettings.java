package io.trendtags.launcher.demo;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one demo run was asked for.
 *
 * @param timeline the X home timeline to read instead of replaying the bundled one, or null to replay
 * @param cluster whether the job runs on a Spark standalone cluster and a three-node Kafka, on this machine
 */
public record DemoSettings(Path dataDir, boolean fresh, int rate, int webPort, XTimeline timeline, boolean cluster) {

  /** A demo in local mode that replays the bundled timeline. */
  public DemoSettings(Path dataDir, boolean fresh, int rate, int webPort) {
    this(dataDir, fresh, rate, webPort, null, false);
  }

  Path logs() {
    return dataDir.resolve("logs");
  }

  /**
   * How the client gets the X credentials: environment variables set for it alone (never its arguments,
   * which every local user can read in the process list, and never inherited by the other stages), or a
   * credentials file it reads.
   *
   * @param environment     {@code TRENDTAGS_X_*} variables for the client process
   * @param credentialsFile a properties file for the client's {@code --credentials}, or null
   */
  public record XTimeline(Map<String, String> environment, Path credentialsFile) {

    public XTimeline {
      environment = Map.copyOf(environment);
    }

    @Override
    public String toString() {
      return "XTimeline[environment=" + environment.keySet() + ", credentialsFile=" + credentialsFile + "]";
    }
  }
}
