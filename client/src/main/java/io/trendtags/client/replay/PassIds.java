package io.trendtags.client.replay;

/**
 * Tweet ids of a replay pass. The stream counts a tweet id once, so a second pass of the same file must
 * bring new ids or the counts stop moving: pass k adds k × {@link #OFFSET} to every id. One day of
 * snowflake ids spans ~3.6e14, so passes never collide; ids stay within 19 digits (a Java long) for
 * thousands of passes, after which the replay stops.
 */
final class PassIds {

  /** Added once per pass. Larger than a day of snowflake ids (86,400,000 ms << 22 ≈ 3.6e14). */
  static final long OFFSET = 1_000_000_000_000_000L;

  private PassIds() {}

  /**
   * The id of a tweet in pass {@code pass} (0 = as in the file).
   *
   * @throws ArithmeticException when the id would no longer fit in a long
   */
  static String idInPass(String id, int pass) {
    if (pass == 0) {
      return id;
    }
    return Long.toString(Math.addExact(Long.parseLong(id), Math.multiplyExact(OFFSET, (long) pass)));
  }
}
