package io.trendtags.core.post;

import io.trendtags.core.tweet.Tweet;
import java.util.Objects;

/**
 * A post of any network, reduced to what hashtag counting needs ({@link Tweet}: id, text, the network's own
 * tags, author, time) and the network it came from; ids are unique per network only.
 */
public record Post(Network network, Tweet content) {

  public Post {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(content, "content");
  }
}
