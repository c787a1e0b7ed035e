package io.trendtags.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchWorkDirTest {

  @Test
  void closingDeletesWhatTheBenchWroteThereOnce() throws Exception {
    Path dir;
    try (BenchWorkDir work = new BenchWorkDir()) {
      dir = work.dir();
      Files.createDirectories(dir.resolve("checkpoint/all-time/state/0"));
      Files.writeString(dir.resolve("checkpoint/all-time/state/0/1.changelog"), "state");
      Files.writeString(dir.resolve("kafka.log"), "log");
      assertThat(dir).isDirectory();
      assertThat(dir.getFileName().toString()).startsWith("trendtags-bench");
    }

    assertThat(dir).doesNotExist();
  }

  @Test
  void aSecondCloseIsNothingToDo() throws Exception {
    BenchWorkDir work = new BenchWorkDir();
    Path dir = work.dir();
    work.close();
    Files.createDirectories(dir); // had the second close deleted again, this would go too

    work.close();

    assertThat(dir).isDirectory();
    Files.delete(dir);
  }
}
