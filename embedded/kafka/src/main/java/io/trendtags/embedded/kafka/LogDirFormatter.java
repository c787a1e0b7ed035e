package io.trendtags.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kafka.tools.StorageTool;

/**
 * Formats a KRaft log directory on first use, as {@code kafka-storage.sh format} does, and never again,
 * so the broker keeps its cluster id and its data across restarts.
 */
final class LogDirFormatter {

  private LogDirFormatter() {}

  /** Formats {@code settings.logDir()} unless it already holds a cluster; writes {@code server.properties} beside it. */
  static void formatIfNeeded(BrokerSettings settings) throws IOException {
    Files.createDirectories(settings.logDir());
    Path propertiesFile = settings.dataDir().resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(propertiesFile)) {
      settings.toProperties().store(out, "written by trendtags kafka at every start; edits are overwritten");
    }
    if (Files.exists(settings.logDir().resolve("meta.properties"))) {
      // Formatted before. Formatting again, even with --ignore-formatted, records a new cluster id in
      // the bootstrap metadata, and the broker then refuses its own log directory.
      return;
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = StorageTool.execute(new String[] {
          "format", "--cluster-id", settings.clusterId(),
          "--config", propertiesFile.toString(), "--ignore-formatted"}, print);
    }
    if (status != 0) {
      throw new IOException("cannot format the Kafka log directory " + settings.logDir() + ": "
          + output.toString(StandardCharsets.UTF_8).strip());
    }
  }
}
