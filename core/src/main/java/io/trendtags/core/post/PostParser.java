package io.trendtags.core.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.TweetParser;

/**
 * Reads one post of any network (UTF-8 JSON, each network's own form) into a {@link Post}: a Mastodon
 * Status, a Bluesky feed item or postView, else an X API v2 Tweet ({@link TweetParser}, the fast path, as
 * before). Thread-safe.
 */
public final class PostParser {

  private static final ObjectMapper JSON = new ObjectMapper();

  private PostParser() {}

  public static Post parse(String json) throws MalformedTweetException {
    if (json == null || json.isBlank()) {
      throw new MalformedTweetException("empty value");
    }
    // Mastodon's and Bluesky's objects have fields no Tweet has; a quick look spares an X post the tree.
    if (json.contains("\"account\"") || json.contains("\"record\"") || json.contains("\"post\"")) {
      JsonNode tree;
      try {
        tree = JSON.readTree(json);
      } catch (JsonProcessingException e) {
        throw new MalformedTweetException("not valid JSON: " + e.getOriginalMessage());
      }
      if (MastodonStatus.matches(tree)) {
        return new Post(Network.MASTODON, MastodonStatus.read(tree));
      }
      if (BlueskyPost.matches(tree)) {
        return new Post(Network.BLUESKY, BlueskyPost.read(tree));
      }
    }
    return new Post(Network.X, TweetParser.parse(json));
  }
}
