package io.trendtags.core.post;

import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.tweet.Tweet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A post of any network, reduced to what hashtag counting needs ({@link Tweet}: id, text, the network's own
 * tags, author, time) and the network it came from.
 *
 * <p>Ids are unique per network only (a Mastodon status id and a tweet id may be the same number), so
 * {@link #key()} and {@link #authorKey()} name the network, except X's, which stay as they always were so
 * that a job's dedup state from before other networks still recognises every X id.
 */
public record Post(Network network, Tweet content) {

  /**
   * The longest network id kept as it is in a key. Keys live in the job's dedup state and authors in its
   * sketches, so a longer one (a Bluesky {@code did:web} uri can be long) is kept as its SHA-256 instead:
   * bounded, and as distinct as the id in practice.
   */
  public static final int MAX_ID_CHARS = 128;

  public Post {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(content, "content");
  }

  /** The post's identity across every network, the one duplicates are dropped by: {@code source:id}; an X id alone. */
  public String key() {
    return qualified(content.id());
  }

  /** The author's identity across every network, null when the post does not say. */
  public String authorKey() {
    return content.authorId() == null ? null : qualified(content.authorId());
  }

  /**
   * Whether a tag the network itself gave is one to count. X's and Mastodon's are checked by twitter-text's
   * rules, which both networks' own parsers follow closely. Bluesky tags a run of anything but spaces
   * ({@code #ai-art} is one tag there), so its tags need only be free of whitespace and control characters.
   */
  public boolean isValidTag(String tag) {
    if (network != Network.BLUESKY) {
      return HashtagExtractor.isValidTag(tag);
    }
    if (tag == null || tag.isEmpty()) {
      return false;
    }
    return tag.codePoints().noneMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.CONTROL || cp == '#' || cp == '\uFF03');
  }

  private String qualified(String id) {
    if (network == Network.X) {
      return id;
    }
    return network.id() + ":" + (id.length() <= MAX_ID_CHARS ? id : "sha256:" + sha256(id));
  }

  private static String sha256(String id) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
