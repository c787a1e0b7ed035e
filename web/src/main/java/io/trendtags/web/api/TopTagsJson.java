package io.trendtags.web.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trendtags.core.top.TopTags;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /api/top}: {@code {"updated_at": "<ISO-8601>", "tags": [{"tag": "Java", "count": 1234}]}},
 * highest count first. Its own records, so renaming a field in core cannot silently change the API.
 */
public record TopTagsJson(@JsonProperty("updated_at") String updatedAt, List<Tag> tags) {

  /** One hashtag (without '#') and how many times it was seen. */
  public record Tag(String tag, long count) {}

  /** The first {@code n} tags of {@code top}; no data yet gives {@code updated_at: null} and no tags. */
  public static TopTagsJson of(Optional<TopTags> top, int n) {
    return top
        .map(t -> t.limit(n))
        .map(t -> new TopTagsJson(
            t.updatedAt() == null ? null : t.updatedAt().toString(),
            t.tags().stream().map(c -> new Tag(c.tag(), c.count())).toList()))
        .orElseGet(() -> new TopTagsJson(null, List.of()));
  }
}
