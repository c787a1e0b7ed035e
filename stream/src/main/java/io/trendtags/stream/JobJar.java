package io.trendtags.stream;

import io.trendtags.stream.checkpoint.LocalCheckpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the job needs to run on a cluster's executors rather than in its own JVM: its classes, in the shaded
 * job jar the build makes, and a checkpoint every executor reaches by the same name.
 */
final class JobJar {

  private JobJar() {}

  /**
   * The jar to ship for {@code master}: null in local mode, and under spark-submit (which ships its own);
   * {@code given} if set; else the build's {@code stream/target/trendtags-stream-*-job.jar} under TRENDTAGS_HOME.
   */
  static Path forMaster(String master, Path given) {
    if (master == null || master.startsWith("local")) {
      return null;
    }
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw new IllegalArgumentException("--job-jar " + given + " is not a file");
      }
      return given.toAbsolutePath();
    }
    String home = System.getProperty("trendtags.home", ".");
    Path target = Path.of(home, "stream", "target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      List<Path> jars = files.filter(p -> p.getFileName().toString().matches("trendtags-stream-.*-job\\.jar")).toList();
      if (jars.size() != 1) {
        throw new IllegalArgumentException("cannot find the job jar in " + target.toAbsolutePath()
            + " (found " + jars.size() + "): build with ./mvnw package, or give --job-jar");
      }
      return jars.get(0).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code checkpoint} as an absolute path when it is a local one: an executor runs in its worker's directory,
   * where a relative path names another folder. A URI (hdfs://, s3a://, file:/...) is kept as it is.
   */
  static String qualified(String checkpoint) {
    if (LocalCheckpoints.scheme(checkpoint) != null) {
      return checkpoint;
    }
    return Path.of(checkpoint).toAbsolutePath().normalize().toString();
  }
}
