package io.trendtags.client.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A post's JSON as the record's value, and the few fields every feed reads from it. */
public final class FeedJson {

  // The post as the network sent it; emoji stay UTF-8 rather than escaped surrogate pairs.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private FeedJson() {}

  /** {@code node} as one line of UTF-8 JSON. */
  public static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always writes", e);
    }
  }

  /** A body's JSON tree, or null when it is empty or not JSON. */
  public static JsonNode parse(byte[] body) {
    try {
      return body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** An ISO-8601 time, or null when absent or not a time. */
  public static Instant instant(JsonNode value) {
    return value == null || !value.isTextual() ? null : instant(value.asText());
  }

  /** An ISO-8601 time, or null when not a time. */
  public static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
