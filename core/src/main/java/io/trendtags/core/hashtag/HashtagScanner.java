package io.trendtags.core.hashtag;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.Extractor.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * twitter-text's hashtag extraction ({@code Extractor.extractHashtagsWithIndices}), step for step, made
 * fast in two ways that do not change a result.
 *
 * <ul>
 *   <li>Its {@code VALID_HASHTAG} pattern is matched by hand, with the pattern's own character classes
 *       ({@link HashtagChars}, each character classified once by the real pattern), and only where a
 *       match can start: {@code find()} tries every position and tests classes of thousands of ranges,
 *       ~15 µs a tweet; a match is at most one code point before a hash sign, so only the two positions
 *       before each '#' (not inside a surrogate pair, as {@code find()} skips those) are tried, in the
 *       order {@code find()} would try them.</li>
 *   <li>URLs (to drop hashtags inside them, ~27 µs a tweet) are only looked for when one could overlap a
 *       hashtag.</li>
 * </ul>
 * {@code HashtagScannerTest} checks it against {@link Extractor} on the conformance suite, the bundled
 * timeline, random texts, and every character of the Basic Multilingual Plane.
 */
final class HashtagScanner {

  private static final Extractor URLS = new Extractor();
  private static final char FULLWIDTH_NUMBER_SIGN = '\uFF03';

  private HashtagScanner() {}

  /** What {@code new Extractor().extractHashtagsWithIndices(text)} returns (UTF-16 indices). */
  static List<Entity> entities(String text) {
    int hash = nextHash(text, 0);
    if (hash < 0) {
      return List.of();
    }
    List<Entity> found = new ArrayList<>(2);
    int from = 0;
    while (hash >= 0) {
      // Where find() would try next: a match starts with at most one code point before its '#'.
      int end = -1;
      for (int p = Math.max(from, hash - 2); p <= hash && end < 0; p++) {
        if (!insideSurrogatePair(text, p)) {
          end = matchAt(text, p);
        }
      }
      if (end < 0) {
        from = hash + 1;
      } else {
        int tagStart = hashBefore(text, end);
        if (!invalidMatchEnd(text, end)) {
          found.add(new Entity(tagStart - 1, end, text.substring(tagStart, end), Entity.Type.HASHTAG));
        }
        from = end;
      }
      hash = nextHash(text, from);
    }
    return found.isEmpty() ? found : withoutUrlOverlaps(text, found);
  }

  /**
   * Where {@code VALID_HASHTAG} matched at {@code p} ends, or -1: group 1 is empty at the text's start or
   * one code point of the prefix class, then the hash sign, then the tag.
   */
  private static int matchAt(String text, int p) {
    if (p == 0) {
      int end = rest(text, 0);
      if (end >= 0) {
        return end;
      }
    }
    int cp = text.codePointAt(p);
    return HashtagChars.is(cp, HashtagChars.PREFIX) ? rest(text, p + Character.charCount(cp)) : -1;
  }

  /** {@code ([#＃])(?![\uFE0F\u20E3])(LN* L LN*)} at {@code q}: the end of the tag, or -1. */
  private static int rest(String text, int q) {
    int n = text.length();
    if (q >= n || !isHash(text.charAt(q))) {
      return -1;
    }
    int i = q + 1;
    if (i < n && (text.charAt(i) == '\uFE0F' || text.charAt(i) == '\u20E3')) {
      return -1;
    }
    boolean hasLetter = false;
    while (i < n) {
      int cp = text.codePointAt(i);
      int classes = HashtagChars.of(cp);
      if ((classes & HashtagChars.LETTER_OR_NUMERAL) == 0) {
        break;
      }
      hasLetter |= (classes & HashtagChars.LETTER) != 0;
      i += Character.charCount(cp);
    }
    return hasLetter ? i : -1;
  }

  /** The tag of a match ending at {@code end} starts just after the last hash sign before it. */
  private static int hashBefore(String text, int end) {
    int i = end - 1;
    while (!isHash(text.charAt(i))) {
      i--;
    }
    return i + 1;
  }

  /** twitter-text's {@code INVALID_HASHTAG_MATCH_END}: {@code ^(?:[#＃]|://)} just after the tag. */
  private static boolean invalidMatchEnd(String text, int end) {
    return end < text.length() && (isHash(text.charAt(end)) || text.startsWith("://", end));
  }

  private static boolean isHash(char c) {
    return c == '#' || c == FULLWIDTH_NUMBER_SIGN;
  }

  /**
   * twitter-text's rule: where a hashtag and a URL overlap, the one that starts first stays.
   *
   * <p>Finding URLs costs more than finding hashtags (~27 µs a text), and is only worth it when a URL
   * could overlap a hashtag: a URL has no whitespace and always a '.', so it must share with the hashtag
   * a run of non-whitespace characters that holds a '.'.
   */
  private static List<Entity> withoutUrlOverlaps(String text, List<Entity> hashtags) {
    if (!anyRunWithADot(text, hashtags)) {
      return hashtags;
    }
    List<Entity> urls = URLS.extractURLsWithIndices(text);
    if (urls.isEmpty()) {
      return hashtags;
    }
    List<Entity> all = new ArrayList<>(hashtags);
    all.addAll(urls);
    all.sort(Comparator.comparingInt(Entity::getStart)); // stable, as Collections.sort in twitter-text
    Iterator<Entity> it = all.iterator();
    Entity previous = it.next();
    while (it.hasNext()) {
      Entity current = it.next();
      if (previous.getEnd() > current.getStart()) {
        it.remove();
      } else {
        previous = current;
      }
    }
    all.removeIf(entity -> entity.getType() != Entity.Type.HASHTAG);
    return all;
  }

  private static boolean anyRunWithADot(String text, List<Entity> hashtags) {
    for (Entity hashtag : hashtags) {
      for (int i = hashtag.getStart() - 1; i >= 0 && !isAsciiSpace(text.charAt(i)); i--) {
        if (text.charAt(i) == '.') {
          return true;
        }
      }
      for (int i = hashtag.getStart(), n = text.length(); i < n && !isAsciiSpace(text.charAt(i)); i++) {
        if (text.charAt(i) == '.') {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
  }

  private static int nextHash(String text, int from) {
    for (int i = from, n = text.length(); i < n; i++) {
      if (isHash(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean insideSurrogatePair(String text, int i) {
    return i > 0 && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
