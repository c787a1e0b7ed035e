package io.trendtags.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TopTags;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /api/top}: {@code {"view": "all", "source": "all", "updated_at": "<ISO-8601>",
 * "clock": "<ISO-8601>", "stale": false, "tags": [{"tag": "Java", "count": 1234, "authors": 310}]}}, highest
 * first; surge rows add {@code score}. Its own records, so renaming a field in core cannot silently change the API.
 */
public record TopTagsJson(String view, String source, @JsonProperty("updated_at") String updatedAt, String clock, boolean stale,
    List<Tag> tags) {

  /** One hashtag (without '#'), how many tweets used it, how many distinct authors; the surge score. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Tag(String tag, long count, long authors, Double score) {}

  /**
   * The first {@code n} tags of {@code top}; no data yet gives null times and no tags. {@code stale}: the
   * app cannot read HBase now, and this is the last list it read.
   */
  public static TopTagsJson of(Ranking ranking, Optional<TopTags> top, int n, boolean stale) {
    String view = ranking.view().id();
    String source = ranking.source().id();
    return top
        .map(t -> t.limit(n))
        .map(t -> new TopTagsJson(view, source,
            t.updatedAt() == null ? null : t.updatedAt().toString(),
            t.clock() == null ? null : t.clock().toString(),
            stale,
            t.tags().stream().map(c -> new Tag(c.tag(), c.count(), c.authors(), c.score())).toList()))
        .orElseGet(() -> new TopTagsJson(view, source, null, null, stale, List.of()));
  }
}
