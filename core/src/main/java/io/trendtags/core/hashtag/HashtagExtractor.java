package io.trendtags.core.hashtag;

import com.twitter.twittertext.Extractor;
import io.trendtags.core.tweet.Tweet;
import java.util.ArrayList;
import java.util.List;

/**
 * The hashtags of a tweet, the way X finds them.
 *
 * <p>Stateless and thread-safe (twitter-text's {@link Extractor} keeps no state between calls), so a
 * Spark {@code flatMap} can call it without a serializable instance.
 */
public final class HashtagExtractor {

  private static final Extractor TWITTER_TEXT = new Extractor();
  private static final char FULLWIDTH_NUMBER_SIGN = '\uFF03';

  private HashtagExtractor() {}

  /**
   * The tweet's hashtags in order, original casing, without '#'. Duplicates are kept: a tweet that says
   * #java twice has it twice, as X lists it.
   *
   * <p>Precedence: {@code note_tweet.entities.hashtags} (a long post's full list), else
   * {@code entities.hashtags}, else twitter-text on {@code note_tweet.text}, else on {@code text}.
   */
  public static List<String> hashtags(Tweet tweet) {
    if (tweet.noteEntityTags() != null) {
      return tweet.noteEntityTags();
    }
    if (tweet.entityTags() != null) {
      return tweet.entityTags();
    }
    return hashtags(tweet.noteText() != null ? tweet.noteText() : tweet.text());
  }

  /**
   * Whether {@code tag} is a hashtag by twitter-text's rules: what twitter-text finds in {@code "#" + tag}
   * is the whole of it. Tags found in a text are valid by construction; tags a client sends in
   * {@code entities} are checked with this, because nothing else stops an empty tag, control characters
   * or markup from reaching the counts and every page.
   */
  public static boolean isValidTag(String tag) {
    if (tag == null || tag.isEmpty()) {
      return false;
    }
    List<Extractor.Entity> found = HashtagScanner.entities("#" + tag);
    return found.size() == 1 && found.get(0).getValue().equals(tag);
  }

  /** twitter-text's hashtags of a text, in order, original casing, without '#'. */
  public static List<String> hashtags(String text) {
    if (!mayHaveHashtag(text)) {
      return List.of();
    }
    List<Extractor.Entity> found = HashtagScanner.entities(text);
    List<String> tags = new ArrayList<>(found.size());
    for (Extractor.Entity e : found) {
      tags.add(e.getValue());
    }
    return tags;
  }

  /**
   * twitter-text's hashtags of a text with their positions in Unicode code points, as X's
   * {@code entities.hashtags} has them (twitter-text itself counts UTF-16 chars).
   */
  public static List<HashtagEntity> entities(String text) {
    if (!mayHaveHashtag(text)) {
      return List.of();
    }
    List<Extractor.Entity> found = HashtagScanner.entities(text);
    TWITTER_TEXT.modifyIndicesFromUTF16ToUnicode(text, found);
    List<HashtagEntity> entities = new ArrayList<>(found.size());
    for (Extractor.Entity e : found) {
      entities.add(new HashtagEntity(e.getValue(), e.getStart(), e.getEnd()));
    }
    return entities;
  }

  /**
   * False when the text cannot hold a hashtag: no '#' and no fullwidth '＃'. Most tweets have neither,
   * and this scan is far cheaper than twitter-text's regular expressions (~9k tweets/s).
   */
  static boolean mayHaveHashtag(String text) {
    return text.indexOf('#') >= 0 || text.indexOf(FULLWIDTH_NUMBER_SIGN) >= 0;
  }
}
