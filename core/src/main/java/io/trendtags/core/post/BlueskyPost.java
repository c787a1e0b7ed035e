package io.trendtags.core.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.Tweet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bluesky post read the network's own way: a feed item of {@code app.bsky.feed.getTimeline}
 * ({@code {"post": postView, "reason": ...}}) or a postView alone. Its tags are the record's facets of type
 * {@code app.bsky.richtext.facet#tag}, then the record's {@code tags} (tags not in the text); a facet gives
 * its tag outright, so its UTF-8 byte offsets are not needed. A repost is a use by the reposter: the repost's
 * own uri (or the post's with the reposter's did), the reposter's did, the repost's time. A record with
 * neither facets nor tags (one written by a client that made no facets) has its text read by twitter-text.
 */
final class BlueskyPost {

  static final String POST_RECORD = "app.bsky.feed.post";
  private static final String TAG_FACET = "app.bsky.richtext.facet#tag";
  private static final String REPOST = "app.bsky.feed.defs#reasonRepost";

  private BlueskyPost() {}

  /** Whether {@code json} is a feed item ({@code post} object) or a postView ({@code record} of a post). */
  static boolean matches(JsonNode json) {
    return json.path("post").isObject() || POST_RECORD.equals(json.path("record").path("$type").asText());
  }

  static Tweet read(JsonNode json) throws MalformedTweetException {
    JsonNode post = json.path("post").isObject() ? json.path("post") : json;
    JsonNode record = post.path("record");
    if (!record.isObject()) {
      throw new MalformedTweetException("a Bluesky post without a record");
    }
    String text = record.path("text").asText("");
    List<String> tags = tags(record);
    JsonNode reason = json.path("reason");
    if (REPOST.equals(reason.path("$type").asText())) {
      String reposter = PostJson.text(reason.path("by"), "did");
      String id = reason.hasNonNull("uri") ? PostJson.text(reason, "uri") : PostJson.text(post, "uri") + "#repost:" + reposter;
      return new Tweet(id, text, tags, null, null, reposter, PostJson.instant(reason, "indexedAt"));
    }
    Instant created = PostJson.instant(record, "createdAt");
    return new Tweet(PostJson.text(post, "uri"), text, tags, null, null, PostJson.text(post.path("author"), "did"),
        created != null ? created : PostJson.instant(post, "indexedAt"));
  }

  /** The facets' tags then the record's; null when the record has neither field, and its text is read instead. */
  private static List<String> tags(JsonNode record) throws MalformedTweetException {
    if (!record.has("facets") && !record.has("tags")) {
      return null;
    }
    List<String> tags = new ArrayList<>();
    for (JsonNode facet : record.path("facets")) {
      for (JsonNode feature : facet.path("features")) {
        if (TAG_FACET.equals(feature.path("$type").asText())) {
          tags.add(tagText(feature.get("tag")));
        }
      }
    }
    for (JsonNode tag : record.path("tags")) {
      tags.add(tagText(tag));
    }
    return tags;
  }

  private static String tagText(JsonNode tag) throws MalformedTweetException {
    if (tag == null || !tag.isTextual()) {
      throw new MalformedTweetException("a Bluesky tag that is not a string");
    }
    return tag.asText();
  }
}
