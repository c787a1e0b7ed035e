package io.trendtags.core.hashtag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class HashtagKeyTest {

  @Test
  void casingsOfOneTagShareAKey() {
    assertThat(HashtagKey.fold("Java")).isEqualTo("java");
    assertThat(HashtagKey.fold("JAVA")).isEqualTo("java");
    assertThat(HashtagKey.fold("java")).isEqualTo("java");
  }

  @Test
  void aLowerCaseAsciiTagIsReturnedAsIs() {
    String tag = "kafka_streams2";
    assertThat(HashtagKey.fold(tag)).isSameAs(tag);
  }

  @Test
  void nonLatinScriptsFoldTheirCase() {
    assertThat(HashtagKey.fold("МОСКВА")).isEqualTo(HashtagKey.fold("Москва")).isEqualTo("москва");
    assertThat(HashtagKey.fold("ΑΘΗΝΑ")).isEqualTo("αθηνα");
  }

  @Test
  void scriptsWithoutCaseAreUnchanged() {
    assertThat(HashtagKey.fold("東京")).isEqualTo("東京");
    assertThat(HashtagKey.fold("رمضان")).isEqualTo("رمضان");
    assertThat(HashtagKey.fold("भारत")).isEqualTo("भारत");
  }

  @Test
  void compatibilityFormsAreOneTag() {
    assertThat(HashtagKey.fold("ＪＡＶＡ")).isEqualTo("java");
    assertThat(HashtagKey.fold("ﾆｭｰｽ")).isEqualTo("ニュース");
    assertThat(HashtagKey.fold("ﬁnance")).isEqualTo("finance");
  }

  @Test
  void theDefaultLocaleDoesNotMatter() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      // In Turkish, I lower-cases to a dotless ı: #LINUX would not be #linux.
      assertThat(HashtagKey.fold("LINUX")).isEqualTo("linux");
      assertThat(HashtagKey.fold("ПРИВЕТ")).isEqualTo("привет");
    } finally {
      Locale.setDefault(before);
    }
  }
}
