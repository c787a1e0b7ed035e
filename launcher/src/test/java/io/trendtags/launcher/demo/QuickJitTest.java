package io.trendtags.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The demo's stages run on the quick JIT, unless the user's own options say otherwise: a real JVM's flags. */
class QuickJitTest {

  @Test
  void aStageRunsOnTheQuickJitAlone() throws Exception {
    assertThat(tieredStopAtLevel(Demo.quickJit(""))).isEqualTo(1);
  }

  @Test
  void theUsersOwnJitLevelWins() throws Exception {
    assertThat(tieredStopAtLevel(Demo.quickJit("-Xmx200m -XX:TieredStopAtLevel=4"))).isEqualTo(4);
  }

  /** The level a JVM started with {@code options}, split as the launcher script splits them, runs at. */
  private static int tieredStopAtLevel(String options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(options.split("\\s+")));
    command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String flags = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor()).as(flags).isZero();
    Matcher level = Pattern.compile("\\bTieredStopAtLevel\\s+= (\\d+)").matcher(flags);
    assertThat(level.find()).as(flags).isTrue();
    return Integer.parseInt(level.group(1));
  }
}
