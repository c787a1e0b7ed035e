package io.trendtags.core.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.Tweet;
import java.util.ArrayList;
import java.util.List;

/**
 * A Mastodon Status entity ({@code GET /api/v1/timelines/home}, the streaming API's {@code update}) read the
 * network's own way: its tags are {@code tags[].name}; a boost is a use by the booster (its {@code id},
 * {@code account.id} and {@code created_at}) of the boosted status's tags. Where a status has no
 * {@code tags} array, its text (the HTML {@code content}, markup removed) goes to twitter-text.
 */
final class MastodonStatus {

  private MastodonStatus() {}

  /** Whether {@code json} looks like a Status: an {@code account} object and a {@code content}. */
  static boolean matches(JsonNode json) {
    return json.path("account").isObject() && json.has("content");
  }

  static Tweet read(JsonNode status) throws MalformedTweetException {
    String id = PostJson.text(status, "id");
    String author = PostJson.text(status.path("account"), "id");
    JsonNode tagged = status.path("reblog").isObject() ? status.path("reblog") : status;
    String text = stripHtml(tagged.path("content").asText(""));
    List<String> tags = null;
    if (tagged.path("tags").isArray()) {
      tags = new ArrayList<>();
      for (JsonNode tag : tagged.path("tags")) {
        String name = tag.path("name").asText(null);
        if (name == null) {
          throw new MalformedTweetException("a Mastodon tag without a name");
        }
        tags.add(name);
      }
    }
    return new Tweet(id, text, tags, null, null, author, PostJson.instant(status, "created_at"));
  }

  /** The text of Mastodon's HTML {@code content}: tags removed, paragraphs and line breaks as spaces, entities decoded. */
  static String stripHtml(String html) {
    String text = html.replaceAll("(?i)<br\\s*/?>|</p>", " ").replaceAll("<[^>]*>", "");
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&").strip();
  }
}
