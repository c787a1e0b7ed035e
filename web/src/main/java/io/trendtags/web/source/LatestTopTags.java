package io.trendtags.web.source;

import io.trendtags.core.top.TopTags;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last top hashtags read from a {@link TopTagsSource}, shared by every request: the source is read
 * on a schedule (or by {@link #refresh()}), so a hundred open dashboards still cost one HBase read per
 * refresh. When a read fails, the last good value stays in place and the failure is logged once.
 * Listeners registered with {@link #onChange(Consumer)} hear of each new value once, whoever asked for it:
 * that is how the Server-Sent Events stream fans one read out to every open dashboard.
 */
public final class LatestTopTags implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LatestTopTags.class);
  /** A periodic cache is stale after five periods without a successful read, and never sooner than this. */
  static final Duration MIN_STALE_AFTER = Duration.ofSeconds(10);
  /** How soon a {@link #refreshSoon()} that found a read running tries again. */
  private static final long RETRY_BUSY_MILLIS = 20;

  private final TopTagsSource source;
  private volatile Optional<TopTags> latest = Optional.empty();
  private volatile boolean failing;
  /** When a read last succeeded (or the cache was made): a read that hangs, not fails, shows here. */
  private volatile long lastReadNanos = System.nanoTime();
  /** How long without a successful read counts as stale; null when reads happen only on request. */
  private Duration staleAfter;
  private final List<Consumer<Optional<TopTags>>> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  /** What listeners last heard {@link #stale()} to be; guarded by {@code this}. */
  private boolean announcedStale;
  /** One read at a time; apart from {@code this}, which a read that hangs must not hold. */
  private final ReentrantLock reading = new ReentrantLock();
  /** Whether a {@link #refreshSoon()} waits to run: notices that come while one waits add nothing. */
  private final AtomicBoolean refreshPending = new AtomicBoolean();

  /** A cache that reads {@code source} only when {@link #refresh()} is called. */
  public LatestTopTags(TopTagsSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /** A cache that reads {@code source} now, then every {@code period} on a daemon thread until closed. */
  public static LatestTopTags refreshedEvery(TopTagsSource source, Duration period) {
    Duration fivePeriods = period.multipliedBy(5);
    return refreshedEvery(source, period, fivePeriods.compareTo(MIN_STALE_AFTER) > 0 ? fivePeriods : MIN_STALE_AFTER);
  }

  /** As {@link #refreshedEvery(TopTagsSource, Duration)}, stale after {@code staleAfter} without a successful read. */
  static LatestTopTags refreshedEvery(TopTagsSource source, Duration period, Duration staleAfter) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the refresh period must be positive, got " + period);
    }
    LatestTopTags cache = new LatestTopTags(source);
    cache.staleAfter = staleAfter;
    // Two threads: one reads, the other tells listeners when the cache turns stale while a read hangs
    // (a read of an HBase that vanished can take minutes to fail, and the pages must not wait for it).
    cache.scheduler = Executors.newScheduledThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "top-tags-refresh");
      thread.setDaemon(true);
      return thread;
    });
    // Fixed delay, not fixed rate: a slow HBase read must not queue up reads behind it.
    cache.scheduler.scheduleWithFixedDelay(cache::readUnlessReading, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    cache.scheduler.scheduleWithFixedDelay(cache::announceIfStaleChanged, 1, 1, TimeUnit.SECONDS);
    return cache;
  }

  /**
   * Reads the source soon, on the cache's thread, as when the job says the list just changed; at most one
   * such read waits at a time, however many calls come meanwhile. Without a schedule, reads at once.
   */
  public void refreshSoon() {
    if (scheduler == null) {
      refresh();
    } else if (refreshPending.compareAndSet(false, true)) {
      readWhenFree(0);
    }
  }

  /**
   * Reads once no other read runs; a read already running may have begun before the change. Never waits
   * on a thread: a read that hangs would hold both, and the stale announcements need the other one.
   */
  private void readWhenFree(long delayMillis) {
    try {
      scheduler.schedule(() -> {
        if (!readUnlessReading()) {
          readWhenFree(RETRY_BUSY_MILLIS);
        }
      }, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      refreshPending.set(false); // closed
    }
  }

  /** Reads the source once; keeps the previous value if the read fails. */
  public void refresh() {
    reading.lock();
    try {
      read();
    } finally {
      reading.unlock();
    }
  }

  /**
   * Reads unless a read runs, and says whether it did. The poll skips its turn when one runs (one
   * {@link #refreshSoon()} asked for is as good), so no read ever waits on a thread for another.
   */
  private boolean readUnlessReading() {
    if (!reading.tryLock()) {
      return false;
    }
    try {
      refreshPending.set(false);
      read();
      return true;
    } finally {
      reading.unlock();
    }
  }

  private void read() {
    try {
      Optional<TopTags> read = Objects.requireNonNull(source.read(), "source returned null");
      boolean changed = !read.equals(latest) || failing;
      latest = read;
      lastReadNanos = System.nanoTime();
      if (failing) {
        failing = false;
        log.info("Reading the top hashtags works again");
      }
      if (changed) {
        announce(read);
      }
    } catch (RuntimeException e) {
      // Runs every second: say it once, not once per refresh, until it recovers.
      if (!failing) {
        failing = true;
        log.warn("Cannot read the top hashtags (serving the last ones read): {}", e.toString());
        // The value is the same but now stale: listeners tell their clients so.
        announce(latest);
      }
    }
  }

  /**
   * Whether what {@link #get()} gives is the last list read rather than the current one: the last read
   * failed, or (refreshing periodically) no read has succeeded for a while, as when HBase hangs rather
   * than refuses.
   */
  public boolean stale() {
    return failing || (staleAfter != null && System.nanoTime() - lastReadNanos > staleAfter.toNanos());
  }

  /** Tells every listener {@code value}, and that the cache is as stale as it is now. */
  private synchronized void announce(Optional<TopTags> value) {
    announcedStale = stale();
    listeners.forEach(listener -> notify(listener, value));
  }

  private synchronized void announceIfStaleChanged() {
    if (stale() != announcedStale) {
      announce(latest);
    }
  }

  /**
   * Calls {@code listener} with every new value, and when the cache turns stale or fresh again
   * ({@link #stale()}), on the cache's threads, one call at a time. It must return quickly: the next read
   * waits for it.
   */
  public void onChange(Consumer<Optional<TopTags>> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private static void notify(Consumer<Optional<TopTags>> listener, Optional<TopTags> value) {
    try {
      listener.accept(value);
    } catch (RuntimeException e) {
      // One broken listener must not stop the refreshes, nor the other listeners.
      log.warn("A listener of the top hashtags failed: {}", e.toString());
    }
  }

  /** The top hashtags of the last successful read; empty before the first one or while no data exists. */
  public Optional<TopTags> get() {
    return latest;
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
