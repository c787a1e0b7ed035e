package io.trendtags.client.x;

import io.trendtags.client.feed.CredentialsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The four OAuth 1.0a user-context values of an X app and its user. {@link #toString()} masks them all,
 * so a record logged by mistake leaks nothing.
 */
public record XCredentials(String consumerKey, String consumerSecret, String accessToken, String accessSecret) {

  /** Environment variables, in the order of the command's arguments. */
  public static final List<String> ENVIRONMENT = List.of(
      "TRENDTAGS_X_CONSUMER_KEY", "TRENDTAGS_X_CONSUMER_SECRET", "TRENDTAGS_X_ACCESS_TOKEN", "TRENDTAGS_X_ACCESS_SECRET");
  /** Keys of a {@code --credentials} properties file, in the same order. */
  public static final List<String> FILE_KEYS = List.of("consumer-key", "consumer-secret", "access-token", "access-secret");

  /**
   * The credentials from the first place that has any: the command's arguments, then the environment,
   * then the properties file.
   *
   * @return empty when none of the three gives any (the client then replays)
   * @throws IllegalArgumentException when a place gives some but not all four; the message names what is
   *     missing, never a value
   */
  public static Optional<XCredentials> resolve(List<String> arguments, Map<String, String> environment, Path file) {
    if (!arguments.isEmpty()) {
      if (arguments.size() != 4) {
        throw new IllegalArgumentException("give all four credentials (CONSUMER_KEY CONSUMER_SECRET ACCESS_TOKEN "
            + "ACCESS_SECRET) or none; got " + arguments.size() + " argument(s)");
      }
      return Optional.of(of(arguments));
    }
    List<String> fromEnv = ENVIRONMENT.stream().map(environment::get).toList();
    if (fromEnv.stream().anyMatch(XCredentials::present)) {
      return Optional.of(of(fromEnv, ENVIRONMENT, "the environment"));
    }
    if (file != null) {
      Properties properties = CredentialsFile.read(file);
      return Optional.of(of(FILE_KEYS.stream().map(properties::getProperty).toList(), FILE_KEYS, file.toString()));
    }
    return Optional.empty();
  }

  private static XCredentials of(List<String> values, List<String> names, String where) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (!present(values.get(i))) {
        missing.add(names.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(where + " gives some X credentials but not " + String.join(", ", missing)
          + ": give all four");
    }
    return of(values);
  }

  private static XCredentials of(List<String> values) {
    return new XCredentials(values.get(0).trim(), values.get(1).trim(), values.get(2).trim(), values.get(3).trim());
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** Every value, to check that none appears in a log or a message. */
  public List<String> values() {
    return List.of(consumerKey, consumerSecret, accessToken, accessSecret);
  }

  @Override
  public String toString() {
    return "XCredentials[****]";
  }
}
