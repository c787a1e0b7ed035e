package io.trendtags.core.top;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.Objects;

/**
 * One hashtag as shown (its most used casing, no '#') in one view: how many distinct tweets used it,
 * how many distinct authors wrote them, and, in the surge view only, its score.
 *
 * @param authors distinct {@code author_id}s (a HyperLogLog estimate: exact for small numbers, within
 *                about 2% beyond a few hundred); 0 where the tweets carried none
 * @param score   the surge score, or null outside the surge view
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TagCount(String tag, long count, long authors, Double score) implements Serializable {
  public TagCount {
    Objects.requireNonNull(tag, "tag");
    if (count < 0 || authors < 0) {
      throw new IllegalArgumentException("count and authors must not be negative: " + count + ", " + authors);
    }
  }

  public TagCount(String tag, long count, long authors) {
    this(tag, count, authors, null);
  }

  /** A tag counted without authors, as older rows and tests have it. */
  public TagCount(String tag, long count) {
    this(tag, count, 0, null);
  }
}
