package io.trendtags.client.feed;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One credential (a Mastodon access token, a Bluesky app password), from the environment or a
 * {@code --credentials} properties file, never from an argument. {@link #toString()} masks it, so a value
 * logged by mistake leaks nothing; only {@link #reveal()} gives it, to the one request header that needs it.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * The secret from {@code variable} in {@code environment}, else key {@code fileKey} of {@code file}.
   *
   * @return empty when neither has it
   * @throws IllegalArgumentException when the file cannot be read; the message never holds a value
   */
  public static Optional<Secret> resolve(String variable, String fileKey, Map<String, String> environment, Path file) {
    String fromEnv = environment.get(variable);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(new Secret(fromEnv.trim()));
    }
    if (file == null) {
      return Optional.empty();
    }
    String fromFile = CredentialsFile.read(file).getProperty(fileKey);
    return fromFile == null || fromFile.isBlank() ? Optional.empty() : Optional.of(new Secret(fromFile.trim()));
  }

  /** A secret a test or a caller already holds. */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** The value itself: for the request that sends it, never for a message or a log. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "****";
  }
}
