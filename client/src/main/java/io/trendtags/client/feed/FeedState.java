package io.trendtags.client.feed;

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
 * Where the client is on a user's home timeline, kept in {@code <state-dir>/<network>-timeline.state}: the
 * position of the newest post Kafka acknowledged, and the topic's end offsets just after it did (the mark
 * from which a restarted client reads what Kafka took after the last save). Saved atomically, only after a
 * flush. The keys {@code user_id} and {@code newest_id} are those of the X-only client, whose files still load.
 *
 * @param userId   whose timeline this is ({@link HomeFeed#account()})
 * @param newestId the newest post's position, or null before the first post (the backfill is still to do)
 * @param mark     partition to end offset, right after {@code newestId} was acknowledged
 */
public record FeedState(String userId, String newestId, Map<Integer, Long> mark) {

  /** The longest account or position a state file holds: a Bluesky position is a time and an at:// uri. */
  static final int MAX_VALUE_CHARS = 1024;

  public FeedState {
    mark = Map.copyOf(mark);
  }

  /** The state file of {@code network}'s timeline in {@code stateDir}. */
  public static Path file(Path stateDir, String network) {
    return stateDir.resolve(network + "-timeline.state");
  }

  /** The state of {@code network}'s timeline saved in {@code stateDir}, or null if there is none. */
  public static FeedState load(Path stateDir, String network) throws IOException {
    Path file = file(stateDir, network);
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
      if (!isValue(newest) && !newest.isEmpty()) {
        throw new IllegalArgumentException("newest_id");
      }
      return new FeedState(userId, newest.isEmpty() ? null : newest, mark);
    } catch (RuntimeException e) {
      throw new IOException(file + " is not a timeline state (user_id, newest_id, mark): delete it to backfill again");
    }
  }

  private static String require(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (!isValue(value)) {
      throw new IllegalArgumentException(key);
    }
    return value;
  }

  private static boolean isValue(String value) {
    return value != null && !value.isEmpty() && value.length() <= MAX_VALUE_CHARS
        && value.chars().noneMatch(c -> Character.isISOControl(c) || c == '\\' || Character.isWhitespace(c));
  }

  /** Saves this state atomically: a crash leaves the old file or the new one, never half of one. */
  public void save(Path stateDir, String network) throws IOException {
    Files.createDirectories(stateDir);
    Path file = file(stateDir, network);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    StringJoiner offsets = new StringJoiner(",");
    new TreeMap<>(mark).forEach((partition, offset) -> offsets.add(partition + ":" + offset));
    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      out.write("# TrendTags client: position on the " + network + " home timeline. Delete this file to backfill again.\n");
      out.write("user_id=" + userId + "\n");
      out.write("newest_id=" + (newestId == null ? "" : newestId) + "\n");
      out.write("mark=" + offsets + "\n");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
