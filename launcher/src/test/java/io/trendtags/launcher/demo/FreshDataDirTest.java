package io.trendtags.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --fresh} deletes the demo's own data directory, and nothing else a user points it at by mistake. */
class FreshDataDirTest {

  @TempDir Path dir;

  @Test
  void refusesADirectoryThatIsNotTheDemosAndLeavesItAlone() throws Exception {
    Path thesis = Files.writeString(dir.resolve("thesis.tex"), "years of work");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = new Demo(new DemoSettings(dir, true, 10, 0), new PrintStream(out, true, StandardCharsets.UTF_8)).run();

    assertThat(code).isEqualTo(2);
    assertThat(thesis).hasContent("years of work");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("is not a TrendTags data directory", dir.toString());
  }

  @Test
  void knowsItsOwnDirectoryByItsMarkerOrByHoldingOnlyWhatTheDemoWrites() throws Exception {
    Path marked = Files.createDirectories(dir.resolve("marked"));
    Files.writeString(marked.resolve(Demo.MARKER), "");
    Files.writeString(marked.resolve("anything"), "");
    Path older = Files.createDirectories(dir.resolve("older"));
    Files.createDirectories(older.resolve("kafka"));
    Files.createDirectories(older.resolve("checkpoint"));
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.createDirectories(other.resolve("kafka"));
    Files.writeString(other.resolve("notes.txt"), "");

    assertThat(Demo.isOurs(marked)).isTrue();
    assertThat(Demo.isOurs(older)).isTrue();
    assertThat(Demo.isOurs(Files.createDirectories(dir.resolve("empty")))).isTrue();
    assertThat(Demo.isOurs(other)).isFalse();
  }
}
