package io.trendtags.web.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatestTopTagsTest {

  private static final Instant NOON = Instant.parse("2026-11-25T12:00:00Z");
  private static final TopTags JAVA_FIRST = new TopTags(NOON, List.of(new TagCount("Java", 3), new TagCount("Kafka", 1)), 0);
  private static final TopTags KAFKA_FIRST = new TopTags(NOON.plusSeconds(1), List.of(new TagCount("Kafka", 5)), 0);

  private final InMemoryTopTagsSource source = new InMemoryTopTagsSource();

  @Test
  void is_empty_before_the_first_read() {
    source.set(JAVA_FIRST);
    try (LatestTopTags latest = new LatestTopTags(source)) {
      assertThat(latest.get()).isEmpty();
      assertThat(source.reads()).isZero();
    }
  }

  @Test
  void reads_the_source_only_when_refreshed_however_often_it_is_asked() {
    source.set(JAVA_FIRST);
    try (LatestTopTags latest = new LatestTopTags(source)) {
      latest.refresh();
      for (int i = 0; i < 50; i++) {
        assertThat(latest.get()).contains(JAVA_FIRST);
      }
      assertThat(source.reads()).isEqualTo(1);

      source.set(KAFKA_FIRST);
      assertThat(latest.get()).contains(JAVA_FIRST);
      latest.refresh();
      assertThat(latest.get()).contains(KAFKA_FIRST);
    }
  }

  @Test
  void keeps_the_last_value_while_reads_fail_and_takes_new_ones_after() {
    source.set(JAVA_FIRST);
    try (LatestTopTags latest = new LatestTopTags(source)) {
      latest.refresh();
      source.failWith(new IllegalStateException("HBase is down"));
      latest.refresh();
      latest.refresh();
      assertThat(latest.get()).contains(JAVA_FIRST);

      source.recover();
      source.set(KAFKA_FIRST);
      latest.refresh();
      assertThat(latest.get()).contains(KAFKA_FIRST);
    }
  }

  @Test
  void refreshed_every_period_reads_the_source_again_and_again() {
    source.set(JAVA_FIRST);
    try (LatestTopTags latest = LatestTopTags.refreshedEvery(source, Duration.ofMillis(20))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> latest.get().isPresent());
      source.set(KAFKA_FIRST);
      await().atMost(Duration.ofSeconds(5)).until(() -> latest.get().equals(Optional.of(KAFKA_FIRST)));
      assertThat(source.reads()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void tells_its_listeners_of_each_new_value_once_and_once_when_reads_start_or_stop_failing_but_of_unchanged_reads_never() {
    List<Optional<TopTags>> heard = new ArrayList<>();
    List<Boolean> staleWhenHeard = new ArrayList<>();
    source.set(JAVA_FIRST);
    try (LatestTopTags latest = new LatestTopTags(source)) {
      latest.onChange(value -> {
        throw new IllegalStateException("a broken listener");
      });
      latest.onChange(value -> {
        heard.add(value);
        staleWhenHeard.add(latest.stale());
      });

      latest.refresh();
      latest.refresh();
      source.failWith(new IllegalStateException("HBase is down"));
      latest.refresh();
      latest.refresh();
      source.recover();
      latest.refresh();
      source.set(KAFKA_FIRST);
      latest.refresh();

      // The same list when reads fail and when they work again: what changed is whether it is stale.
      assertThat(heard).containsExactly(Optional.of(JAVA_FIRST), Optional.of(JAVA_FIRST), Optional.of(JAVA_FIRST),
          Optional.of(KAFKA_FIRST));
      assertThat(staleWhenHeard).containsExactly(false, true, false, false);
      assertThat(latest.get()).contains(KAFKA_FIRST);
    }
  }

  @Test
  void reads_at_once_when_told_the_list_changed_rather_than_at_the_next_poll() {
    source.set(JAVA_FIRST);
    try (LatestTopTags latest = LatestTopTags.refreshedEvery(source, Duration.ofHours(1))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> latest.get().isPresent());
      source.set(KAFKA_FIRST);
      latest.refreshSoon();
      await().atMost(Duration.ofSeconds(5)).until(() -> latest.get().equals(Optional.of(KAFKA_FIRST)));
      assertThat(source.reads()).isEqualTo(2);
    }
  }

  @Test
  void refuses_a_period_that_is_not_positive() {
    assertThatThrownBy(() -> LatestTopTags.refreshedEvery(source, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void turns_stale_when_a_read_hangs_rather_than_fails_tells_its_listeners_meanwhile_and_fresh_when_reads_come_back() throws Exception {
    java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean hanging = new java.util.concurrent.atomic.AtomicBoolean();
    TopTagsSource hangingSource = new TopTagsSource() {
      @Override
      public Optional<TopTags> read() {
        if (hanging.get()) {
          try {
            hang.await(); // as an HBase that takes the call and never answers
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return Optional.of(JAVA_FIRST);
      }

      @Override
      public java.util.NavigableMap<Long, Long> minuteCounts(String key, long from, long to) {
        return new java.util.TreeMap<>();
      }
    };
    try (LatestTopTags latest = LatestTopTags.refreshedEvery(hangingSource, Duration.ofMillis(50), Duration.ofMillis(500))) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> latest.get().isPresent());
      assertThat(latest.stale()).isFalse();
      List<Boolean> heardStale = new java.util.concurrent.CopyOnWriteArrayList<>();
      latest.onChange(top -> heardStale.add(latest.stale()));

      hanging.set(true);
      // Notices of changes keep coming while the read hangs: none may take the thread the announcements need.
      for (int i = 0; i < 100; i++) {
        latest.refreshSoon();
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(latest::stale);
      assertThat(latest.get()).contains(JAVA_FIRST);
      // The read still hangs: the listeners hear of it from the cache's other thread.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> heardStale.equals(List.of(true)));

      hanging.set(false);
      hang.countDown();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !latest.stale());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> heardStale.equals(List.of(true, false)));
    }
  }
}
