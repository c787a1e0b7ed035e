package io.trendtags.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoriesTest {

  @TempDir
  Path tmp;

  @Test
  void deletesTheWholeTree() throws Exception {
    Path root = tmp.resolve("data");
    Files.createDirectories(root.resolve("kafka/tweets-0"));
    Files.writeString(root.resolve("kafka/tweets-0/00000000000000000000.log"), "records");
    Files.createDirectories(root.resolve("hbase/empty"));
    Files.writeString(root.resolve("demo.marker"), "ours");

    DataDirectories.delete(root);

    assertThat(root).doesNotExist();
    assertThat(tmp).exists();
  }

  @Test
  void removesLinksWithoutFollowingThem() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept.txt"), "not the data directory's");
    Path root = Files.createDirectories(tmp.resolve("data"));
    Files.createSymbolicLink(root.resolve("link-to-dir"), outside);
    Files.createSymbolicLink(root.resolve("link-to-file"), kept);

    DataDirectories.delete(root);

    assertThat(root).doesNotExist();
    assertThat(kept).hasContent("not the data directory's");
  }

  @Test
  void aMissingDirectoryIsNothingToDo() throws Exception {
    DataDirectories.delete(tmp.resolve("never-made"));

    assertThat(tmp.resolve("never-made")).doesNotExist();
  }
}
