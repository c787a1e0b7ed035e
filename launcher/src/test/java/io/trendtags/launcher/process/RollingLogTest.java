package io.trendtags.launcher.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingLogTest {

  @TempDir
  Path dir;

  @Test
  void keepsTheNewestLinesInTwoFilesEachWithinTheLimit() throws IOException {
    Path file = dir.resolve("stream.log");
    Path older = dir.resolve("stream.log.1");
    long limit = 1_000;
    try (RollingLog log = new RollingLog(file, limit)) {
      for (int i = 0; i < 5_000; i++) {
        log.writeLine("line " + i + " é"); // two bytes in UTF-8: the limit is in bytes, not chars
        assertThat(Files.size(file)).isLessThanOrEqualTo(limit);
      }
      assertThat(Files.size(older)).isLessThanOrEqualTo(limit);
    }
    List<String> before = Files.readAllLines(older, UTF_8);
    List<String> current = Files.readAllLines(file, UTF_8);
    assertThat(current).last().isEqualTo("line 4999 é");
    // Nothing lost at the roll: the older file ends right before the newer one begins.
    assertThat(number(before.get(before.size() - 1)) + 1).isEqualTo(number(current.get(0)));
    // And each file is full up to its limit, less than a line.
    assertThat(Files.size(older)).isGreaterThan(limit - 20);
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(2);
    }
  }

  @Test
  void writesALineLongerThanTheLimitWhole() throws IOException {
    Path file = dir.resolve("web.log");
    String longLine = "x".repeat(300);
    try (RollingLog log = new RollingLog(file, 100)) {
      log.writeLine("first");
      log.writeLine(longLine);
      log.writeLine("last");
    }
    assertThat(Files.readAllLines(dir.resolve("web.log.1"), UTF_8)).containsExactly(longLine);
    assertThat(Files.readAllLines(file, UTF_8)).containsExactly("last");
  }

  @Test
  void aNewRunStartsItsFileAnew() throws IOException {
    Path file = dir.resolve("kafka.log");
    try (RollingLog log = new RollingLog(file, 1_000)) {
      log.writeLine("an earlier run");
    }
    try (RollingLog log = new RollingLog(file, 1_000)) {
      log.writeLine("this run");
    }
    assertThat(Files.readAllLines(file, UTF_8)).containsExactly("this run");
  }

  private static int number(String line) {
    return Integer.parseInt(line.split(" ")[1]);
  }
}
