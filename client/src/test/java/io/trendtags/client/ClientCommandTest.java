package io.trendtags.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClientCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new ClientCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void credentialsAreNotYetSupportedAndNeverPrinted() {
    assertThat(run("ck-xyzzy1", "cs-xyzzy2", "at-xyzzy3", "as-xyzzy4")).isEqualTo(2);
    assertThat(err.toString()).contains("not yet available").contains("without credentials")
        .doesNotContain("xyzzy");
    assertThat(out.toString()).doesNotContain("xyzzy");
  }

  @Test
  void someButNotAllCredentialsIsAUsageError() {
    assertThat(run("ck-xyzzy1", "cs-xyzzy2")).isEqualTo(2);
    assertThat(err.toString()).contains("all four").doesNotContain("xyzzy");
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
}
