package io.trendtags.core.tweet;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The parts of an X API v2 Tweet object that hashtag counting needs.
 *
 * <p>The two tag lists are {@code null} when the JSON had no such array, which is not the same as an
 * empty array: absence means "not requested, extract from the text", presence means "X already did it".
 *
 * @param id             the tweet id, a decimal string as X sends it
 * @param text           the tweet text ({@code ""} when the object had none); truncated for long posts
 * @param entityTags     {@code entities.hashtags[].tag} in order, or {@code null} if absent
 * @param noteText       {@code note_tweet.text}, the full text of a long post, or {@code null}
 * @param noteEntityTags {@code note_tweet.entities.hashtags[].tag} in order, or {@code null} if absent
 * @param authorId       {@code author_id}, or {@code null} when X was not asked for it
 * @param createdAt      {@code created_at}, or {@code null} when X was not asked for it
 */
public record Tweet(String id, String text, List<String> entityTags, String noteText, List<String> noteEntityTags,
    String authorId, Instant createdAt) implements Serializable {

  /**
   * The most digits an id may have. X's ids have up to 19 (a long); a replay's later passes shift them
   * past that (see the client's {@code PassIds}). Bounded, because every id is kept in the dedup state.
   */
  public static final int MAX_ID_DIGITS = 24;

  public Tweet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
  }

  /** A tweet without author and time, as tests and the {@code extract} command need. */
  public Tweet(String id, String text, List<String> entityTags, String noteText, List<String> noteEntityTags) {
    this(id, text, entityTags, noteText, noteEntityTags, null, null);
  }

  /** A tweet known only by its text, as the {@code extract} command reads a bare JSON string. */
  public static Tweet ofText(String id, String text) {
    return new Tweet(id, text, null, null, null);
  }
}
