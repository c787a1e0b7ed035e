package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each stage with a class list starts from the class archive the build dumped (pom.xml, profile
 * class-archive): under {@code -Xshare:on} a JVM that cannot use its archive (stale, dumped from another
 * classpath) refuses to start, and the class-loading log names where the stage's main class came from.
 */
class ClassArchiveIT {

  @TempDir
  Path tmp;

  @ParameterizedTest
  @CsvSource({
      "kafka,   embedded/kafka, io.trendtags.embedded.kafka.KafkaServerCommand",
      "hbase,   embedded/hbase, io.trendtags.embedded.hbase.HBaseServerCommand",
      "stream,  stream,         io.trendtags.stream.StreamCommand",
      "web,     web,            io.trendtags.web.WebCommand",
      "client,  client,         io.trendtags.client.ClientCommand",
      "demo,    launcher,       io.trendtags.launcher.DemoCommand"})
  void theStageLoadsItsClassesFromTheArchiveTheBuildDumped(String stage, String module, String mainClass)
      throws Exception {
    Path home = Path.of(System.getProperty("trendtags.home"));
    assertThat(home.resolve(module).resolve("src/main/cds/classes.lst")).exists();
    assertThat(home.resolve(module).resolve("target/class-archive.jsa")).exists();

    // To a file, so that a stage that hangs fails the test at the timeout instead of blocking a read.
    Path log = Files.createTempFile(tmp, stage, ".log");
    ProcessBuilder builder = new ProcessBuilder(home.resolve("trendtags").toString(), stage, "--help")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("TRENDTAGS_SKIP_BUILD", "1");
    builder.environment().put("TRENDTAGS_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:stdout");
    Process process = builder.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as(lastLines(output)).isTrue();

    assertThat(process.exitValue()).as(lastLines(output)).isZero();
    assertThat(output).contains(mainClass + " source: shared objects file");
  }

  private static String lastLines(String output) {
    return output.length() <= 2_000 ? output : output.substring(output.length() - 2_000);
  }
}
