package io.trendtags.stream.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.junit.jupiter.api.Test;

/**
 * Whole hours read once and kept until a bucket of theirs changes or they leave the span; the odd minutes read
 * each time; a range to the clock's minute reads that minute alone until the clock moves.
 */
class AuthorUnionsTest {

  private static final int TAG = 3;

  /** One author per minute, named by the minute; records each range read. */
  private final List<String> reads = new ArrayList<>();
  private final AuthorUnions.Sketches oneAuthorAMinute = (tag, from, to, sketch) -> {
    reads.add(from + "-" + to);
    for (long minute = from; minute <= to; minute++) {
      HllSketch one = new HllSketch(12);
      one.update("author-" + minute);
      sketch.accept(one.toCompactByteArray());
    }
  };

  @Test
  void readsEachWholeHourOnceAndTheOddMinutesEachTime() {
    AuthorUnions unions = new AuthorUnions();

    assertThat(unions.of(TAG, 30, 209, oneAuthorAMinute)).isEqualTo(180);
    assertThat(reads).containsExactly("30-59", "60-119", "120-179", "180-209");
    assertThat(unions.size()).isEqualTo(2);

    reads.clear();
    assertThat(unions.of(TAG, 45, 179, oneAuthorAMinute)).isEqualTo(135);
    assertThat(reads).as("hours 1 and 2 kept").containsExactly("45-59");

    reads.clear();
    assertThat(unions.of(TAG, 100, 130, oneAuthorAMinute)).as("no whole hour").isEqualTo(31);
    assertThat(reads).containsExactly("100-130");
    assertThat(unions.of(7, 60, 119, oneAuthorAMinute)).as("another tag's hour").isEqualTo(60);
    assertThat(unions.size()).isEqualTo(3);
  }

  @Test
  void readsAnHourAgainOnceABucketOfItChangedAndDropsHoursWhoseMinutesLeft() {
    AuthorUnions unions = new AuthorUnions();
    unions.of(TAG, 0, 239, oneAuthorAMinute);
    assertThat(unions.size()).isEqualTo(4);

    unions.changed(TAG, 150);
    unions.changed(8, 70); // another tag's bucket: hour 1 of TAG stays
    reads.clear();
    unions.of(TAG, 0, 239, oneAuthorAMinute);
    assertThat(reads).containsExactly("120-179");

    unions.dropUpTo(60); // minute 60 left: hours 0 and 1 held it or minutes before it
    assertThat(unions.size()).isEqualTo(2);
    reads.clear();
    unions.of(TAG, 120, 239, oneAuthorAMinute);
    assertThat(reads).isEmpty();
  }

  @Test
  void anHourWithoutTheTagIsKeptEmptyAndCountsNoAuthor() {
    AuthorUnions unions = new AuthorUnions();
    AuthorUnions.Sketches none = (tag, from, to, sketch) -> reads.add(from + "-" + to);

    assertThat(unions.of(TAG, 0, 119, none)).isZero();
    reads.clear();
    assertThat(unions.of(TAG, 60, 199, oneAuthorAMinute)).as("the kept empty hour adds nobody").isEqualTo(80);
    assertThat(reads).containsExactly("120-179", "180-199");
  }

  @Test
  void keepsHoursCountsAndTheHourBeforeTheClocksMinuteOnlyWhileTheyHold() {
    AuthorUnions unions = new AuthorUnions();
    assertThat(unions.inHour(TAG, 2, oneAuthorAMinute)).isEqualTo(60);
    assertThat(unions.upTo(TAG, 141, 200, oneAuthorAMinute)).isEqualTo(60);
    assertThat(reads).containsExactly("120-179", "141-199", "200-200");
    assertThat(unions.size()).as("a count and a tail").isEqualTo(2);

    reads.clear();
    assertThat(unions.inHour(TAG, 2, oneAuthorAMinute)).isEqualTo(60);
    assertThat(unions.upTo(TAG, 141, 200, oneAuthorAMinute)).isEqualTo(60);
    assertThat(reads).as("only the clock's minute read again").containsExactly("200-200");

    reads.clear();
    unions.changed(TAG, 150); // in hour 2 and in the tail
    unions.inHour(TAG, 2, oneAuthorAMinute);
    unions.upTo(TAG, 141, 200, oneAuthorAMinute);
    assertThat(reads).containsExactly("120-179", "141-199", "200-200");

    reads.clear();
    unions.upTo(TAG, 142, 201, oneAuthorAMinute); // the clock moved: the tail is made again
    assertThat(reads).containsExactly("142-200", "201-201");
    unions.dropUpTo(130);
    assertThat(unions.size()).as("hour 2 left with minute 130; the tail of minute 201 stays").isEqualTo(1);
  }
}
