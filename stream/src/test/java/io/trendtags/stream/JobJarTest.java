package io.trendtags.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobJarTest {

  @Test
  void shouldMakeALocalCheckpointAbsoluteSoExecutorsInOtherDirectoriesFindIt() {
    assertThat(JobJar.qualified("data/checkpoint")).isEqualTo(Path.of("data/checkpoint").toAbsolutePath().toString());
    assertThat(JobJar.qualified("data/../cp")).startsWith("/").endsWith("/cp").doesNotContain("..");
  }

  @Test
  void shouldKeepACheckpointUriAsItIs() {
    assertThat(JobJar.qualified("hdfs://nn:8020/trendtags/cp")).isEqualTo("hdfs://nn:8020/trendtags/cp");
    assertThat(JobJar.qualified("file:/tmp/cp")).isEqualTo("file:/tmp/cp");
  }

  @Test
  void shouldShipNothingInLocalMode() {
    assertThat(JobJar.forMaster(null, null)).isNull();
    assertThat(JobJar.forMaster("local[2]", Path.of("/nowhere.jar"))).isNull();
  }

  @Test
  void shouldShipTheGivenJarToACluster(@TempDir Path dir) throws Exception {
    Path jar = Files.createFile(dir.resolve("job.jar"));
    assertThat(JobJar.forMaster("spark://127.0.0.1:7077", jar)).isEqualTo(jar.toAbsolutePath());
    assertThatThrownBy(() -> JobJar.forMaster("spark://127.0.0.1:7077", dir.resolve("missing.jar")))
        .hasMessageContaining("--job-jar").hasMessageContaining("missing.jar");
  }

  @Test
  void shouldSayHowToBuildWhenTheBuildsJarIsMissing(@TempDir Path home) {
    String before = System.getProperty("trendtags.home");
    System.setProperty("trendtags.home", home.toString());
    try {
      assertThatThrownBy(() -> JobJar.forMaster("spark://127.0.0.1:7077", null))
          .hasMessageContaining("cannot find the job jar").hasMessageContaining("--job-jar");
    } finally {
      if (before == null) {
        System.clearProperty("trendtags.home");
      } else {
        System.setProperty("trendtags.home", before);
      }
    }
  }
}
