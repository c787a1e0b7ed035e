package io.trendtags.client.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a replay is: pass and last line sent, kept in a state directory so a restarted client (the
 * demo's second run) goes on with new tweets instead of sending again what the stream already counted.
 * Saved only after the sink has flushed, so a saved position never runs ahead of what Kafka holds.
 *
 * @param pass the pass (0 = ids as in the file)
 * @param line the last line of that pass that was sent, 0 for none
 */
public record ReplayPosition(int pass, long line) {

  public static final ReplayPosition START = new ReplayPosition(0, 0);
  private static final String FILE = "replay.position";

  /** The position saved in {@code stateDir}, or {@link #START} if none was. */
  public static ReplayPosition load(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE);
    if (!Files.exists(file)) {
      return START;
    }
    String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
    try {
      return new ReplayPosition(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a replay position (expected '<pass> <line>'): delete it to start over");
    }
  }

  /** Saves this position atomically: a crash leaves the old one or the new one, never half of one. */
  public void save(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    Path tmp = stateDir.resolve(FILE + ".tmp");
    Files.writeString(tmp, pass + " " + line + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
