package io.trendtags.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** Mistakes in a cluster node's options are one clear line and exit 2, before anything starts. */
class KafkaServerCommandTest {

  private static final String THREE = "1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093";

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = new CommandLine(new KafkaServerCommand());
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  @Test
  void shouldRefuseANodeThatTheQuorumDoesNotName() {
    assertThat(run("--node-id", "4", "--controllers", THREE)).isEqualTo(2);
    assertThat(err.toString()).contains("--controllers does not name this node (--node-id 4)");
  }

  @Test
  void shouldRefuseAMalformedQuorum() {
    assertThat(run("--node-id", "1", "--controllers", "1@127.0.0.1:19093,two@127.0.0.1")).isEqualTo(2);
    assertThat(err.toString()).contains("expected ID@HOST:PORT").contains("two@127.0.0.1");
  }

  @Test
  void shouldRefuseAControllerPortThatContradictsTheQuorum() {
    assertThat(run("--node-id", "2", "--controllers", THREE, "--controller-port", "9093")).isEqualTo(2);
    assertThat(err.toString()).contains("--controller-port 9093 differs from node 2's entry in --controllers (29093)");
  }
}
