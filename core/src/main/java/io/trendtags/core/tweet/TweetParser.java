package io.trendtags.core.tweet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads one X API v2 Tweet object (UTF-8 JSON, a Kafka record value) into a {@link Tweet}.
 *
 * <p>A streaming parser, not databind: it reads only {@code id}, {@code text}, {@code entities.hashtags},
 * {@code note_tweet}, {@code author_id} and {@code created_at}, and skips everything else without building it (on the bundled timeline it
 * is about twice as fast as binding a small record; see the client's {@code ExtractionBenchmark}).
 * Stateless and thread-safe: call the static methods from anywhere, a Spark task included.
 */
public final class TweetParser {

  // Thread-safe once configured; parsers made from it are per call.
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int MAX_REASON_DETAIL = 120;

  private TweetParser() {}

  /** Parses a whole record value. */
  public static Tweet parse(byte[] json) throws MalformedTweetException {
    if (json == null) {
      throw new MalformedTweetException("empty value");
    }
    return parse(json, 0, json.length);
  }

  /** Parses {@code len} bytes of UTF-8 JSON from {@code offset}. */
  public static Tweet parse(byte[] json, int offset, int len) throws MalformedTweetException {
    if (json == null || len == 0) {
      throw new MalformedTweetException("empty value");
    }
    try (JsonParser p = JSON.createParser(json, offset, len)) {
      return readDocument(p);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      // Jackson's byte source detection reports some binary input as a plain IOException.
      throw new MalformedTweetException("not valid JSON: " + shorten(e.getMessage()));
    }
  }

  /** Parses JSON text already decoded to a string. */
  public static Tweet parse(String json) throws MalformedTweetException {
    if (json == null) {
      throw new MalformedTweetException("empty value");
    }
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Tweet readDocument(JsonParser p) throws IOException, MalformedTweetException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new MalformedTweetException("empty value");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new MalformedTweetException("not a JSON object but " + describe(first));
    }
    Tweet tweet = readTweet(p);
    if (p.nextToken() != null) {
      throw new MalformedTweetException("unexpected content after the tweet object");
    }
    return tweet;
  }

  private static Tweet readTweet(JsonParser p) throws IOException, MalformedTweetException {
    String id = null;
    String text = null;
    List<String> entityTags = null;
    String noteText = null;
    List<String> noteTags = null;
    String authorId = null;
    Instant createdAt = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken value = p.nextToken();
      switch (field) {
        case "id" -> id = requireString(p, value, "id");
        case "text" -> text = requireString(p, value, "text");
        case "author_id" -> authorId = requireString(p, value, "author_id");
        case "created_at" -> createdAt = readInstant(p, value, "created_at");
        case "entities" -> entityTags = readEntities(p, value, "entities");
        case "note_tweet" -> {
          requireObject(value, "note_tweet");
          while ((field = p.nextFieldName()) != null) {
            JsonToken noteValue = p.nextToken();
            switch (field) {
              case "text" -> noteText = requireString(p, noteValue, "note_tweet.text");
              case "entities" -> noteTags = readEntities(p, noteValue, "note_tweet.entities");
              default -> p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    if (id == null) {
      throw new MalformedTweetException("id is missing");
    }
    if (!isTweetId(id)) {
      throw new MalformedTweetException("id \"" + shorten(id) + "\" is not a tweet id (1 to " + Tweet.MAX_ID_DIGITS + " digits)");
    }
    return new Tweet(id, text == null ? "" : text, entityTags, noteText, noteTags, authorId, createdAt);
  }

  private static Instant readInstant(JsonParser p, JsonToken token, String where)
      throws IOException, MalformedTweetException {
    String text = requireString(p, token, where);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedTweetException(where + " \"" + shorten(text) + "\" is not an ISO-8601 instant");
    }
  }

  /** The {@code hashtags[].tag} list of an entities object, or {@code null} if it has no hashtags array. */
  private static List<String> readEntities(JsonParser p, JsonToken value, String where)
      throws IOException, MalformedTweetException {
    requireObject(value, where);
    List<String> tags = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      if (!field.equals("hashtags")) {
        p.skipChildren();
        continue;
      }
      if (token != JsonToken.START_ARRAY) {
        throw new MalformedTweetException(where + ".hashtags is " + describe(token) + ", not an array");
      }
      tags = new ArrayList<>(4);
      JsonToken element;
      while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
        tags.add(readHashtagTag(p, element, where + ".hashtags[" + tags.size() + "]"));
      }
    }
    return tags == null ? null : Collections.unmodifiableList(tags);
  }

  private static String readHashtagTag(JsonParser p, JsonToken element, String where)
      throws IOException, MalformedTweetException {
    requireObject(element, where);
    String tag = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      if (field.equals("tag")) {
        tag = requireString(p, token, where + ".tag");
      } else {
        p.skipChildren();
      }
    }
    if (tag == null) {
      throw new MalformedTweetException(where + " has no tag");
    }
    return tag;
  }

  private static String requireString(JsonParser p, JsonToken token, String where)
      throws IOException, MalformedTweetException {
    if (token != JsonToken.VALUE_STRING) {
      throw new MalformedTweetException(where + " is " + describe(token) + ", not a string");
    }
    return p.getText();
  }

  private static void requireObject(JsonToken token, String where) throws MalformedTweetException {
    if (token != JsonToken.START_OBJECT) {
      throw new MalformedTweetException(where + " is " + describe(token) + ", not an object");
    }
  }

  private static boolean isTweetId(String id) {
    int n = id.length();
    if (n == 0 || n > Tweet.MAX_ID_DIGITS) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  private static MalformedTweetException notJson(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
    return new MalformedTweetException("not valid JSON" + where + ": " + shorten(e.getOriginalMessage()));
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String oneLine = s.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= MAX_REASON_DETAIL ? oneLine : oneLine.substring(0, MAX_REASON_DETAIL) + "...";
  }
}
