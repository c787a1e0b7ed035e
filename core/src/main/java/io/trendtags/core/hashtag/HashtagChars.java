package io.trendtags.core.hashtag;

import com.twitter.twittertext.Regex;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * The three character classes of twitter-text's {@code VALID_HASHTAG} pattern, answered by table lookup.
 *
 * <p>{@code VALID_HASHTAG} is {@code (^|\uFE0E|\uFE0F|[^&LN])([#＃])(?![\uFE0F\u20E3])(LN*L LN*)} where
 * LN (letters, marks, numerals, '_' and a few joiners) and L (letters and marks) are classes of thousands
 * of Unicode ranges. java.util.regex tests such a class by walking a chain of one predicate per range,
 * several microseconds for a character outside it (a space, the usual end of a tag). Here each character
 * is classified once, by asking the compiled pattern itself, and remembered: the answers are twitter-text's
 * by construction, and every later test is an array read.
 */
final class HashtagChars {

  static final int LETTER_OR_NUMERAL = 1;
  static final int LETTER = 2;
  /** May stand just before the '#': the {@code [^&LN]} class, or a variation selector FE0E/FE0F. */
  static final int PREFIX = 4;
  private static final int KNOWN = 8;

  private static final byte[] BMP = new byte[0x10000];
  private static final Map<Integer, Byte> ASTRAL = new ConcurrentHashMap<>();

  private HashtagChars() {}

  /** The classes of code point {@code cp}, as {@link #LETTER_OR_NUMERAL}, {@link #LETTER}, {@link #PREFIX} bits. */
  static int of(int cp) {
    if (cp < 0x10000) {
      int known = BMP[cp];
      if (known == 0) {
        // Racing threads compute the same value: a benign race on a byte.
        known = probe(cp);
        BMP[cp] = (byte) known;
      }
      return known;
    }
    return ASTRAL.computeIfAbsent(cp, c -> (byte) probe(c));
  }

  static boolean is(int cp, int classBit) {
    return (of(cp) & classBit) != 0;
  }

  /** Classifies {@code cp} by matching the real pattern on three tiny texts built around it. */
  private static int probe(int cp) {
    String c = new String(Character.toChars(cp));
    int classes = KNOWN;
    // "#a" + c: the tag runs on through c exactly when c is in LN.
    Matcher afterLetter = Regex.VALID_HASHTAG.matcher("#a" + c);
    if (afterLetter.lookingAt() && afterLetter.group(3).equals("a" + c)) {
      classes |= LETTER_OR_NUMERAL;
    }
    // "#1" + c: a digit alone is no tag, so the tag "1" + c needs c to be in L. (Not "#" + c alone: the
    // pattern's look-ahead refuses FE0F and 20E3 right after the '#', though both are marks, so in L.)
    Matcher afterDigit = Regex.VALID_HASHTAG.matcher("#1" + c);
    if (afterDigit.lookingAt() && afterDigit.group(3).equals("1" + c)) {
      classes |= LETTER;
    }
    // c + "#a": c may precede the '#' when the match's first group is c.
    Matcher before = Regex.VALID_HASHTAG.matcher(c + "#a");
    if (before.lookingAt() && before.group(1).equals(c)) {
      classes |= PREFIX;
    }
    return classes;
  }
}
