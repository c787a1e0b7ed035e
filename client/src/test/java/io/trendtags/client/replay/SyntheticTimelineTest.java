package io.trendtags.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.tweet.Tweet;
import io.trendtags.core.tweet.TweetParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticTimelineTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration EVERY = Duration.ofMinutes(4);

  /** {@code minutes} of the timeline at 50 tweets a second, from {@code from}. */
  private static List<Tweet> play(SyntheticTimeline timeline, Instant from, int minutes) throws Exception {
    List<Tweet> tweets = new ArrayList<>();
    for (int i = 0; i < minutes * 60 * 50; i++) {
      tweets.add(TweetParser.parse(timeline.next(from.plusMillis(i * 20L)).json()));
    }
    return tweets;
  }

  @Test
  void everyTweetIsATweetOfItsMomentWithAUniqueIdAnAuthorAndHashtags() throws Exception {
    List<Tweet> tweets = play(new SyntheticTimeline(1, START, EVERY, EVERY.dividedBy(2)), START, 1);

    assertThat(tweets).allSatisfy(t -> {
      assertThat(t.authorId()).isNotBlank();
      assertThat(HashtagExtractor.hashtags(t)).isNotEmpty();
    });
    assertThat(tweets.get(0).createdAt()).isEqualTo(START);
    assertThat(tweets.stream().map(Tweet::id).distinct()).hasSize(tweets.size());
  }

  @Test
  void theSameSeedAndTimesGiveTheSameTimeline() {
    SyntheticTimeline one = new SyntheticTimeline(7, START, EVERY, EVERY.dividedBy(2));
    SyntheticTimeline two = new SyntheticTimeline(7, START, EVERY, EVERY.dividedBy(2));
    for (int i = 0; i < 500; i++) {
      Instant at = START.plusMillis(i * 20L);
      assertThat(one.next(at).json()).isEqualTo(two.next(at).json());
    }
  }

  @Test
  void aSurgeBringsAQuietTagManyMoreAuthorsThanItHadBefore() throws Exception {
    SyntheticTimeline timeline = new SyntheticTimeline(1, START, EVERY, EVERY.dividedBy(2));
    Instant surgeStart = START.plus(Duration.ofMinutes(1));
    String surging = timeline.surgingAt(surgeStart.plusSeconds(1));
    assertThat(surging).isNotNull();
    assertThat(timeline.surgingAt(START)).isNull();
    assertThat(timeline.surgingAt(surgeStart.plus(EVERY.dividedBy(2)).plusSeconds(1))).isNull();

    Map<String, Set<String>> before = authorsByTag(play(timeline, START, 1));
    Map<String, Set<String>> during = authorsByTag(play(timeline, surgeStart, 2));

    int quietAuthors = before.getOrDefault(surging, Set.of()).size();
    assertThat(during.get(surging).size()).isGreaterThan(10 * Math.max(1, quietAuthors)).isGreaterThan(300);
    // It is news: the most-used tags before the surge had far fewer authors in the same time.
    assertThat(before.values().stream().mapToInt(Set::size).max().orElseThrow()).isLessThan(during.get(surging).size() / 3);
  }

  private static Map<String, Set<String>> authorsByTag(List<Tweet> tweets) {
    Map<String, Set<String>> authors = new HashMap<>();
    for (Tweet t : tweets) {
      HashtagExtractor.hashtags(t).forEach(tag -> authors.computeIfAbsent(tag, k -> new HashSet<>()).add(t.authorId()));
    }
    return authors;
  }
}
