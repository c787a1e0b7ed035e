package io.trendtags.client.x;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Where the client is on a user's home timeline, kept in {@code <state-dir>/x-timeline.state}: the newest
 * tweet id Kafka acknowledged, and the topic's end offsets just after it did (the mark from which a
 * restarted client reads what Kafka took after the last save). Saved atomically, only after a flush.
 *
 * @param userId   whose timeline this is
 * @param newestId the newest tweet id written, or null before the first tweet (the backfill is still to do)
 * @param mark     partition to end offset, right after {@code newestId} was acknowledged
 */
public record TimelineState(String userId, String newestId, Map<Integer, Long> mark) {

  static final String FILE = "x-timeline.state";

  public TimelineState {
    mark = Map.copyOf(mark);
  }

  /** The state saved in {@code stateDir}, or null if there is none. */
  public static TimelineState load(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    try {
      String userId = require(properties, "user_id");
      String newest = properties.getProperty("newest_id", "");
      Map<Integer, Long> mark = new TreeMap<>();
      String offsets = properties.getProperty("mark", "");
      for (String entry : offsets.isBlank() ? new String[0] : offsets.split(",")) {
        String[] parts = entry.split(":");
        mark.put(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()));
      }
      if (!newest.isEmpty() && !newest.matches("[0-9]{1,19}")) {
        throw new IllegalArgumentException("newest_id");
      }
      return new TimelineState(userId, newest.isEmpty() ? null : newest, mark);
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a timeline state (user_id, newest_id, mark): delete it to backfill again");
    }
  }

  private static String require(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null || !value.matches("[0-9]{1,19}")) {
      throw new IllegalArgumentException(key);
    }
    return value;
  }

  /** Saves this state atomically: a crash leaves the old file or the new one, never half of one. */
  public void save(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    Path tmp = stateDir.resolve(FILE + ".tmp");
    StringJoiner offsets = new StringJoiner(",");
    new TreeMap<>(mark).forEach((partition, offset) -> offsets.add(partition + ":" + offset));
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      out.write("# TrendTags client: position on the X home timeline. Delete this file to backfill again.\n");
      out.write("user_id=" + userId + "\n");
      out.write("newest_id=" + (newestId == null ? "" : newestId) + "\n");
      out.write("mark=" + offsets + "\n");
    }
    Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
