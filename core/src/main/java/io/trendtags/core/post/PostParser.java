package io.trendtags.core.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.TweetParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads one post of any network (UTF-8 JSON, each network's own form) into a {@link Post}: a Mastodon
 * Status, a Bluesky feed item or postView, else an X API v2 Tweet ({@link TweetParser}, the fast path, as
 * before). The network is told by the JSON's shape, so a record needs no header and a user's own producer
 * (kcat) works too. Thread-safe.
 */
public final class PostParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  // Field names a Status or a Bluesky post has and a Tweet never has; quoted, so text that merely says
  // the word (escaped quotes inside a JSON string are \") does not match.
  private static final byte[][] OTHER_NETWORKS = {
      bytes("\"account\""), bytes("\"record\""), bytes("\"post\"")};

  private PostParser() {}

  public static Post parse(String json) throws MalformedTweetException {
    if (json == null) {
      throw new MalformedTweetException("empty value");
    }
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses a whole record value. */
  public static Post parse(byte[] json) throws MalformedTweetException {
    if (json == null || json.length == 0) {
      throw new MalformedTweetException("empty value");
    }
    // A byte scan spares an X post (nearly every record today) the tree that the other networks need.
    if (mayBeOtherNetwork(json)) {
      JsonNode tree;
      try {
        tree = JSON.readTree(json);
      } catch (IOException e) {
        throw new MalformedTweetException("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
      if (tree != null && MastodonStatus.matches(tree)) {
        return new Post(Network.MASTODON, MastodonStatus.read(tree));
      }
      if (tree != null && BlueskyPost.matches(tree)) {
        return new Post(Network.BLUESKY, BlueskyPost.read(tree));
      }
    }
    return new Post(Network.X, TweetParser.parse(json));
  }

  /** One pass over the bytes: at each quote, whether one of {@link #OTHER_NETWORKS} starts there. */
  static boolean mayBeOtherNetwork(byte[] json) {
    for (int i = 0; i < json.length; i++) {
      if (json[i] == '"') {
        for (byte[] name : OTHER_NETWORKS) {
          if (startsAt(json, i, name)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean startsAt(byte[] json, int at, byte[] name) {
    if (at + name.length > json.length) {
      return false;
    }
    for (int j = 1; j < name.length; j++) {
      if (json[at + j] != name[j]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
