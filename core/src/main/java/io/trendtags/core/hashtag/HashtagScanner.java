package io.trendtags.core.hashtag;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.Extractor.Entity;
import com.twitter.twittertext.Regex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * twitter-text's hashtag extraction ({@code Extractor.extractHashtagsWithIndices}) with its own patterns
 * and steps, made several times faster by trying its {@code VALID_HASHTAG} pattern only where a match can
 * begin.
 *
 * <p>Why: {@code Matcher.find()} tries the pattern at every position of the text, and each try tests a
 * character class of thousands of Unicode ranges: ~60 µs per tweet, most of the stream job's time. A
 * match is at most one code point of prefix followed by '#' or '＃', so it can only begin in the two
 * chars before a hash sign; this class tries {@code lookingAt()} at just those positions, in the order
 * {@code find()} would, skipping the inside of a surrogate pair as {@code find()} does. The steps after
 * (the {@code INVALID_HASHTAG_MATCH_END} check, dropping hashtags inside URLs) are twitter-text's own.
 * {@code HashtagScannerTest} checks it against {@link Extractor} on the conformance suite, the bundled
 * timeline and random texts.
 */
final class HashtagScanner {

  private static final Extractor URLS = new Extractor();
  private static final char FULLWIDTH_NUMBER_SIGN = '\uFF03';

  private HashtagScanner() {}

  /** What {@code new Extractor().extractHashtagsWithIndices(text)} returns (UTF-16 indices). */
  static List<Entity> entities(String text) {
    int length = text.length();
    int hash = nextHash(text, 0);
    if (hash < 0) {
      return List.of();
    }
    List<Entity> found = new ArrayList<>(2);
    Matcher valid = Regex.VALID_HASHTAG.matcher(text).useAnchoringBounds(false).useTransparentBounds(true);
    Matcher invalidEnd = Regex.INVALID_HASHTAG_MATCH_END.matcher(text);
    int from = 0;
    while (hash >= 0) {
      int end = -1;
      for (int p = Math.max(from, hash - 2); p <= hash && end < 0; p++) {
        if (insideSurrogatePair(text, p)) {
          continue;
        }
        if (valid.region(p, length).lookingAt()) {
          end = valid.end();
        }
      }
      if (end < 0) {
        from = hash + 1;
      } else {
        if (!invalidEnd.region(end, length).lookingAt()) {
          found.add(new Entity(valid, Entity.Type.HASHTAG, Regex.VALID_HASHTAG_GROUP_TAG));
        }
        from = end;
      }
      hash = nextHash(text, from);
    }
    return found.isEmpty() ? found : withoutUrlOverlaps(text, found);
  }

  /** twitter-text's rule: where a hashtag and a URL overlap, the one that starts first stays. */
  private static List<Entity> withoutUrlOverlaps(String text, List<Entity> hashtags) {
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

  private static int nextHash(String text, int from) {
    for (int i = from, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c == '#' || c == FULLWIDTH_NUMBER_SIGN) {
        return i;
      }
    }
    return -1;
  }

  private static boolean insideSurrogatePair(String text, int i) {
    return i > 0 && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
