package io.trendtags.core.top;

import java.io.Serializable;
import java.util.Objects;

/** One hashtag as shown (its most used casing, no '#') and how many distinct tweets used it. */
public record TagCount(String tag, long count) implements Serializable {
  public TagCount {
    Objects.requireNonNull(tag, "tag");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }
}
