package io.trendtags.core.hashtag;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key under which a hashtag is counted, so that #Java, #JAVA and #java are one tag.
 *
 * <p>The key is NFKC-normalised, then lower-cased with {@link Locale#ROOT}:
 * <ul>
 *   <li>NFKC, because twitter-text accepts letters of every script, and compatibility forms are the same
 *       word typed differently: a Japanese IME in full-width mode writes {@code ＪＡＶＡ} for
 *       {@code JAVA}, half-width katakana {@code ﾆｭｰｽ} is {@code ニュース}, a ligature {@code ﬁ} is
 *       {@code fi}. Readers see one tag; so should the counts. NFKC (not NFC) is what folds these; the
 *       rare meaning it loses (a superscript ² becomes 2) does not matter in a hashtag.</li>
 *   <li>{@link Locale#ROOT}, because the tag's language is unknown and the result must not depend on
 *       the machine's locale (a Turkish default locale would turn {@code JAVA} into {@code java} with a
 *       dotless ı).</li>
 * </ul>
 * ASCII tags, nearly all of them, skip the normaliser and are returned as-is when already lower case.
 */
public final class HashtagKey {

  private HashtagKey() {}

  /** The counting key of a tag (no '#'): case-folded and NFKC-normalised. */
  public static String fold(String tag) {
    boolean upper = false;
    for (int i = 0, n = tag.length(); i < n; i++) {
      char c = tag.charAt(i);
      if (c >= 0x80) {
        return Normalizer.normalize(tag, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    return upper ? tag.toLowerCase(Locale.ROOT) : tag;
  }
}
