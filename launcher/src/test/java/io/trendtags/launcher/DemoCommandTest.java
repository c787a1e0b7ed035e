package io.trendtags.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trendtags.launcher.demo.DemoSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How the demo hands a network's credentials to its client: through the environment, never its arguments. */
class DemoCommandTest {

  private final DemoCommand command = new DemoCommand();
  private final StringWriter err = new StringWriter();

  private DemoSettings.OwnTimeline timeline(Map<String, String> environment, String... args) {
    CommandLine line = new CommandLine(command).setErr(new PrintWriter(err, true));
    line.parseArgs(args);
    return command.timeline(environment);
  }

  @Test
  void withoutCredentialsTheDemoReplays() {
    assertThat(timeline(Map.of())).isNull();
  }

  @Test
  void fourArgumentsBecomeTheClientsEnvironmentWithAWarningAndAreNeverPrinted() {
    DemoSettings.OwnTimeline x = timeline(Map.of(), "ck-xyzzy1", "cs-xyzzy2", "at-xyzzy3", "as-xyzzy4");

    assertThat(x.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "TRENDTAGS_X_CONSUMER_KEY", "ck-xyzzy1", "TRENDTAGS_X_CONSUMER_SECRET", "cs-xyzzy2",
        "TRENDTAGS_X_ACCESS_TOKEN", "at-xyzzy3", "TRENDTAGS_X_ACCESS_SECRET", "as-xyzzy4"));
    assertThat(err.toString()).contains("process list").doesNotContain("xyzzy");
    assertThat(x.toString()).doesNotContain("xyzzy");
  }

  @Test
  void credentialsInTheEnvironmentAreHandedToTheClientAlone() {
    DemoSettings.OwnTimeline x = timeline(Map.of("TRENDTAGS_X_CONSUMER_KEY", "ck-xyzzy1", "HOME", "/home/u"));
    assertThat(x).isNotNull();
    assertThat(x.environment()).containsExactlyEntriesOf(Map.of("TRENDTAGS_X_CONSUMER_KEY", "ck-xyzzy1"));
  }

  @Test
  void aCredentialsFileIsPassedByItsPath(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.properties"), "consumer-key=ck\n");
    assertThat(timeline(Map.of(), "--credentials", file.toString()).credentialsFile()).isEqualTo(file.toAbsolutePath());
  }

  @Test
  void twoArgumentsAreAUsageErrorThatNamesNoValue() {
    assertThatThrownBy(() -> timeline(Map.of(), "ck-xyzzy1", "cs-xyzzy2"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("all four").hasMessageNotContaining("xyzzy");
  }

  @Test
  void aMastodonOrBlueskyTimelineHandsItsOwnSecretAloneToTheClientAndItsAccountAsOptions() {
    Map<String, String> environment = Map.of("TRENDTAGS_MASTODON_TOKEN", "tok-xyzzy5", "TRENDTAGS_X_CONSUMER_KEY", "ck-xyzzy1",
        "TRENDTAGS_BLUESKY_APP_PASSWORD", "pw-xyzzy6");
    DemoSettings.OwnTimeline mastodon = timeline(environment, "--source", "mastodon", "--instance", "https://mastodon.social");
    assertThat(mastodon.network()).isEqualTo("mastodon");
    assertThat(mastodon.clientArgs()).containsExactly("--source", "mastodon", "--instance", "https://mastodon.social");
    assertThat(mastodon.environment()).containsExactlyEntriesOf(Map.of("TRENDTAGS_MASTODON_TOKEN", "tok-xyzzy5"));
    assertThat(mastodon.toString()).doesNotContain("xyzzy");

    DemoSettings.OwnTimeline bluesky = new DemoCommandTest().timeline(environment, "--source", "bluesky", "--handle", "alice.bsky.social");
    assertThat(bluesky.clientArgs()).containsExactly("--source", "bluesky", "--handle", "alice.bsky.social");
    assertThat(bluesky.environment()).containsExactlyEntriesOf(Map.of("TRENDTAGS_BLUESKY_APP_PASSWORD", "pw-xyzzy6"));
  }
}
