package io.trendtags.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a stage's process inherits: everything but the credentials, which go to the one stage given them. */
class StageEnvironmentTest {

  private static final Map<String, String> OURS = Map.of(
      "PATH", "/usr/bin", "JAVA_HOME", "/opt/jdk",
      "TRENDTAGS_X_CONSUMER_KEY", "ck", "TRENDTAGS_X_CONSUMER_SECRET", "cs",
      "TRENDTAGS_X_ACCESS_TOKEN", "at", "TRENDTAGS_X_ACCESS_SECRET", "as",
      "TRENDTAGS_MASTODON_TOKEN", "mt", "TRENDTAGS_BLUESKY_APP_PASSWORD", "bp",
      "TRENDTAGS_HBASE_ZK", "127.0.0.1:2181");

  @Test
  void everyStageInheritsTheSettingsButNoCredential() {
    Map<String, String> child = StageProcess.childEnvironment(OURS, Map.of());

    assertThat(child).containsEntry("PATH", "/usr/bin").containsEntry("JAVA_HOME", "/opt/jdk")
        .containsEntry("TRENDTAGS_HBASE_ZK", "127.0.0.1:2181").containsEntry("TRENDTAGS_SKIP_BUILD", "1");
    assertThat(child.values()).doesNotContain("ck", "cs", "at", "as", "mt", "bp");
  }

  @Test
  void theStageGivenACredentialGetsIt() {
    Map<String, String> child = StageProcess.childEnvironment(OURS, Map.of("TRENDTAGS_X_CONSUMER_KEY", "ck"));

    assertThat(child).containsEntry("TRENDTAGS_X_CONSUMER_KEY", "ck").doesNotContainKey("TRENDTAGS_X_ACCESS_SECRET");
  }
}
