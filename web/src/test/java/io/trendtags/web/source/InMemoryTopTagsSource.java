package io.trendtags.web.source;

import io.trendtags.core.top.TopTags;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The app's own seam filled in memory: what the stream job would have written, and how often it was read. */
public final class InMemoryTopTagsSource implements TopTagsSource {

  private final AtomicReference<Optional<TopTags>> top = new AtomicReference<>(Optional.empty());
  private final AtomicInteger reads = new AtomicInteger();
  private volatile RuntimeException failure;

  public InMemoryTopTagsSource set(TopTags value) {
    top.set(Optional.of(value));
    return this;
  }

  /** Every read throws {@code e} until {@link #recover()}. */
  public void failWith(RuntimeException e) {
    failure = e;
  }

  public void recover() {
    failure = null;
  }

  public int reads() {
    return reads.get();
  }

  @Override
  public Optional<TopTags> read() {
    reads.incrementAndGet();
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
    return top.get();
  }
}
