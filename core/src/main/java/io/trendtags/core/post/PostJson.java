package io.trendtags.core.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.core.tweet.MalformedTweetException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading the fields every network's post has, with a clear reason when one is missing or wrong. */
final class PostJson {

  private PostJson() {}

  /** The string field {@code name} of {@code node}; absent, empty or not a string is malformed. */
  static String text(JsonNode node, String name) throws MalformedTweetException {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new MalformedTweetException("no string \"" + name + "\"");
    }
    return value.asText();
  }

  /** The timestamp {@code name} of {@code node}, or null when absent; malformed when it is not ISO-8601. */
  static Instant instant(JsonNode node, String name) throws MalformedTweetException {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw new MalformedTweetException("\"" + name + "\" is not a time: " + value.asText());
    }
  }
}
