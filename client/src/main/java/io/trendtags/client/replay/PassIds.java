package io.trendtags.client.replay;

import io.trendtags.core.tweet.Tweet;
import java.math.BigInteger;

/**
 * Tweet ids of a replay pass. The stream counts a tweet id once, so a second pass of the same file must
 * bring new ids or the counts stop moving: pass k adds k × {@link #OFFSET} to every id. One day of
 * snowflake ids spans ~3.6e14, so passes never collide, and the same (pass, line) always gets the same
 * id, so a tweet sent again after the client's crash is still dropped as a duplicate.
 *
 * <p>Ids outgrow a Java long after a few passes, so the sum is a {@link BigInteger}, kept within
 * {@link Tweet#MAX_ID_DIGITS} digits by wrapping around: an id comes back only a billion passes later,
 * long after the stream has forgotten it (its dedup horizon is 48 h). A replay loops for as long as it runs.
 */
final class PassIds {

  /** Added once per pass. Larger than a day of snowflake ids (86,400,000 ms << 22 ≈ 3.6e14). */
  static final long OFFSET = 1_000_000_000_000_000L;
  private static final BigInteger BIG_OFFSET = BigInteger.valueOf(OFFSET);
  private static final BigInteger WRAP = BigInteger.TEN.pow(Tweet.MAX_ID_DIGITS);

  private PassIds() {}

  /** The id of a tweet in pass {@code pass} (0 = as in the file); {@code id} is a valid tweet id. */
  static String idInPass(String id, long pass) {
    if (pass == 0) {
      return id;
    }
    return new BigInteger(id).add(BIG_OFFSET.multiply(BigInteger.valueOf(pass))).mod(WRAP).toString();
  }
}
