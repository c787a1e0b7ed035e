package io.trendtags.embedded.spark;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The SPARK_HOME a worker hands its executors: Spark's launcher puts {@code $SPARK_HOME/jars/*} on an executor's
 * class path, so a folder of links to the jars this worker runs on (Spark SQL and what it needs) stands in for
 * a Spark download. The launcher script sets SPARK_HOME (under this module's target/); the links are made
 * again at every start, so they follow a rebuild.
 */
final class SparkHome {

  private SparkHome() {}

  static Path prepare() throws IOException {
    String home = System.getenv("SPARK_HOME");
    if (home == null || home.isBlank()) {
      throw new IllegalStateException("SPARK_HOME is not set: start the worker with ./trendtags spark-worker");
    }
    Path jars = Path.of(home, "jars");
    Files.createDirectories(jars);
    // Workers started together share this folder: one at a time makes the links.
    try (FileChannel lock = FileChannel.open(Path.of(home, ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      link(jars);
    }
    return Path.of(home);
  }

  /**
   * Makes {@code jars} hold a link to each jar of this JVM's class path, and nothing else; links already right
   * are left alone, so executors that a running worker starts meanwhile find every jar.
   */
  private static void link(Path jars) throws IOException {
    Map<String, Path> wanted = new HashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path jar = Path.of(entry).toAbsolutePath();
      String name = jar.getFileName().toString();
      // Our own modules travel in the job's jar, which the driver ships to every executor.
      if (name.endsWith(".jar") && !name.startsWith("trendtags-")) {
        wanted.putIfAbsent(name, jar);
      }
    }
    try (DirectoryStream<Path> present = Files.newDirectoryStream(jars)) {
      for (Path link : present) {
        Path target = wanted.get(link.getFileName().toString());
        if (target == null || !Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target)) {
          Files.delete(link);
        }
      }
    }
    for (Map.Entry<String, Path> jar : wanted.entrySet()) {
      Path link = jars.resolve(jar.getKey());
      if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, jar.getValue());
      }
    }
  }
}
