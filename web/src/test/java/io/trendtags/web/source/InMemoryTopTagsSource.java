package io.trendtags.web.source;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The app's own seam filled in memory: what the stream job would have written, and how often it was read. */
public final class InMemoryTopTagsSource implements TopTagsSource {

  private final AtomicReference<Optional<TopTags>> top = new AtomicReference<>(Optional.empty());
  /** The lists of the other rankings; one never set reads as absent, as a row nobody wrote. */
  private final Map<Ranking, TopTags> others = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private volatile RuntimeException failure;
  private final Map<String, NavigableMap<Long, Long>> minutes = new ConcurrentHashMap<>();

  /** Sets {@code count} tweets of case-folded {@code key} in {@code minute} (since the epoch). */
  public InMemoryTopTagsSource minute(String key, long minute, long count) {
    minutes.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>()).put(minute, count);
    return this;
  }

  @Override
  public NavigableMap<Long, Long> minuteCounts(String key, long from, long to) {
    return new TreeMap<>(minutes.getOrDefault(key, new TreeMap<>()).subMap(from, true, to, true));
  }

  /** Sets the all-time list of every source. */
  public InMemoryTopTagsSource set(TopTags value) {
    top.set(Optional.of(value));
    return this;
  }

  /** Sets the list of {@code ranking}. */
  public InMemoryTopTagsSource set(Ranking ranking, TopTags value) {
    if (ranking.equals(Ranking.of(View.ALL))) {
      return set(value);
    }
    others.put(ranking, value);
    return this;
  }

  /** Every read throws {@code e} until {@link #recover()}. */
  public void failWith(RuntimeException e) {
    failure = e;
  }

  public void recover() {
    failure = null;
  }

  /** How often the all-time list of every source was read: once per refresh, however many rankings there are. */
  public int reads() {
    return reads.get();
  }

  @Override
  public Optional<TopTags> read() {
    return read(Ranking.of(View.ALL));
  }

  @Override
  public Optional<TopTags> read(Ranking ranking) {
    boolean allTime = ranking.equals(Ranking.of(View.ALL));
    if (allTime) {
      reads.incrementAndGet();
    }
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
    return allTime ? top.get() : Optional.ofNullable(others.get(ranking));
  }
}
