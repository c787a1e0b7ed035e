package io.trendtags.launcher.demo;

import java.nio.file.Path;

/** What one demo run was asked for. */
public record DemoSettings(Path dataDir, boolean fresh, int rate, int webPort) {

  Path logs() {
    return dataDir.resolve("logs");
  }
}
