package io.trendtags.launcher.process;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The line a long-running stage prints once it serves: {@code TRENDTAGS READY <stage> <key=value ...>}.
 */
public final class ReadyLine {

  /** What every READY line starts with. */
  public static final String PREFIX = "TRENDTAGS READY ";

  private ReadyLine() {}

  /** The key=value pairs of {@code line} if it is the READY line of {@code stage}, in their order. */
  public static Optional<Map<String, String>> parse(String stage, String line) {
    String head = PREFIX + stage;
    String trimmed = line.strip();
    if (!trimmed.equals(head) && !trimmed.startsWith(head + " ")) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : trimmed.substring(head.length()).trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return Optional.of(Collections.unmodifiableMap(values));
  }
}
