package io.trendtags.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientCommandTest {

  private final ClientCommand command = new ClientCommand();

  {
    command.environment = Map.of(); // never the developer's own credentials
  }
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(command)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void someButNotAllCredentialsIsAUsageErrorThatNamesNoValue() {
    assertThat(run("ck-xyzzy1", "cs-xyzzy2")).isEqualTo(2);
    assertThat(err.toString()).contains("all four").doesNotContain("xyzzy");
  }

  @Test
  void someCredentialsInTheEnvironmentIsAUsageErrorThatNamesWhatIsMissing() {
    command.environment = Map.of("TRENDTAGS_X_CONSUMER_KEY", "ck-xyzzy1", "TRENDTAGS_X_ACCESS_SECRET", "as-xyzzy4");
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("TRENDTAGS_X_CONSUMER_SECRET, TRENDTAGS_X_ACCESS_TOKEN").doesNotContain("xyzzy");
  }

  @Test
  void aCredentialsFileMissingAValueIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("x.properties"), "consumer-key=ck-xyzzy1\nconsumer-secret=cs-xyzzy2\n");
    assertThat(run("--credentials", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("access-token, access-secret").doesNotContain("xyzzy");
  }

  @Test
  void aBadBackfillIsAUsageError() {
    assertThat(run("ck-xyzzy1", "cs-xyzzy2", "at-xyzzy3", "as-xyzzy4", "--backfill", "yesterday")).isEqualTo(2);
    assertThat(err.toString()).contains("--backfill must be a number of posts (500) or an age").doesNotContain("xyzzy");
  }

  @Test
  void credentialsAndAReplayFileExcludeEachOther() {
    assertThat(run("ck-xyzzy1", "cs-xyzzy2", "at-xyzzy3", "as-xyzzy4", "--replay", "x.jsonl")).isEqualTo(2);
    assertThat(err.toString()).contains("exclude each other").doesNotContain("xyzzy");
  }

  @Test
  void helpShowsTheXOptionsAndExitCodesButNoSecretFromTheEnvironment() {
    command.environment = Map.of("TRENDTAGS_X_CONSUMER_SECRET", "cs-xyzzy2");
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("--credentials").contains("--api-base-url").contains("https://api.x.com")
        .contains("--backfill").contains("--poll-interval").contains("TRENDTAGS_X_ACCESS_TOKEN")
        .contains("3   the network refused the credentials").doesNotContain("xyzzy")
        .contains("--source").contains("--instance").contains("TRENDTAGS_MASTODON_TOKEN");
  }

  @Test
  void mastodonNeedsItsTokenFromTheEnvironmentOrAFileAndItsInstanceNeverATokenArgument() {
    // One command object, as picocli takes an option's value of the last run for its next default: no --instance first.
    command.environment = Map.of("TRENDTAGS_MASTODON_TOKEN", "tok-xyzzy9");
    assertThat(run("--source", "mastodon")).isEqualTo(2);
    assertThat(err.toString()).contains("needs --instance").doesNotContain("xyzzy");

    command.environment = Map.of();
    err.getBuffer().setLength(0);
    assertThat(run("--source", "mastodon", "--instance", "https://mastodon.social")).isEqualTo(2);
    assertThat(err.toString()).contains("TRENDTAGS_MASTODON_TOKEN").contains("mastodon-token");

    command.environment = Map.of("TRENDTAGS_MASTODON_TOKEN", "tok-xyzzy9");
    err.getBuffer().setLength(0);
    assertThat(run("--source", "mastodon", "--instance", "https://mastodon.social", "tok-xyzzy8", "b", "c", "d")).isEqualTo(2);
    assertThat(err.toString()).contains("takes no credentials as arguments").doesNotContain("xyzzy");

    err.getBuffer().setLength(0);
    assertThat(run("--source", "myspace")).isEqualTo(2);
    assertThat(err.toString()).contains("--source must be");
  }

  @Test
  void aNetworksTokenIsFoundInACredentialsFileThatHasNoneOfXsKeys(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("c.properties"), "bluesky-app-password=pw-xyzzy7\n");
    assertThat(run("--source", "bluesky", "--credentials", file.toString())).isEqualTo(2);
    assertThat(err.toString()).as("past the password: the handle is what is missing").contains("needs --handle")
        .doesNotContain("gives some X credentials").doesNotContain("xyzzy");
  }

  @Test
  void aNegativeRateIsAUsageError() {
    assertThat(run("--rate", "-1")).isEqualTo(2);
    assertThat(err.toString()).contains("--rate must be 0 or more");
  }

  @Test
  void aMissingReplayFileIsAUsageError() {
    assertThat(run("--replay", "/no/such/file.jsonl")).isEqualTo(2);
    assertThat(err.toString()).contains("cannot read /no/such/file.jsonl");
  }

  @Test
  void helpExplainsTheLoopIds() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("--loop").contains("1,000,000,000,000,000").contains("--partitions");
  }

  @Test
  void theConfigurationLineMasksTheCredentialsFile() {
    CommandLine line = new CommandLine(command);
    line.parseArgs("--credentials", "/home/me/x-secrets.properties");
    assertThat(io.trendtags.core.config.EffectiveConfig.describe(line.getCommandSpec()))
        .contains("credentials=****").doesNotContain("x-secrets");
  }
}
