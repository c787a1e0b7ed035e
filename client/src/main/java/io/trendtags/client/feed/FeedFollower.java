package io.trendtags.client.feed;

import io.trendtags.client.sink.TopicLedger;
import io.trendtags.client.sink.TweetSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the signed-in user's home timeline on one network ({@link HomeFeed}) into a sink, losing nothing and
 * sending nothing twice: the first run backfills (bounded by a {@link BackfillLimit}); after that it fetches
 * whatever is newer than its position each time the feed may have news (a poll interval, or a live stream's
 * word).
 *
 * <p>Each round's posts go out oldest first; once the sink has flushed (Kafka acknowledged them) the newest
 * position and the topic's end offsets are saved in the state dir. A client killed before that save reads,
 * when it starts again, the keys Kafka took after the saved mark ({@link TopicLedger}) and does not send
 * those again; everything newer than the saved position is fetched again, so nothing is skipped either.
 *
 * <p>It takes its feed, sink and ledger as arguments: the command wires a network and Kafka, tests wire a
 * local server and lists. {@link #stop()} from a shutdown hook ends it, never in the middle of a delivery.
 */
public final class FeedFollower {

  private static final Logger LOG = LoggerFactory.getLogger(FeedFollower.class);

  private final HomeFeed feed;
  private final TweetSink sink;
  private final TopicLedger ledger;
  private final Path stateDir;
  private final BackfillLimit backfill;
  private final Duration pollInterval;
  private final BackfillProgress progress;
  private final Time time;
  private final Comparator<FeedItem> oldestFirst;
  private volatile boolean stopped;
  private boolean delivering;
  private Thread worker;
  private long sent;

  public FeedFollower(HomeFeed feed, TweetSink sink, TopicLedger ledger, Path stateDir,
      BackfillLimit backfill, Duration pollInterval, BackfillProgress progress) {
    this(feed, sink, ledger, stateDir, backfill, pollInterval, progress, Time.SYSTEM);
  }

  public FeedFollower(HomeFeed feed, TweetSink sink, TopicLedger ledger, Path stateDir,
      BackfillLimit backfill, Duration pollInterval, BackfillProgress progress, Time time) {
    this.feed = feed;
    this.sink = sink;
    this.ledger = ledger;
    this.stateDir = stateDir;
    this.backfill = backfill;
    this.pollInterval = pollInterval;
    this.progress = progress;
    this.time = time;
    this.oldestFirst = Comparator.comparing(FeedItem::position, feed.positionOrder());
  }

  /**
   * Signs in, then follows the timeline until {@link #stop()}.
   *
   * @param ready called once signed in and caught up with the topic, before the first fetch
   * @return how many posts it sent
   * @throws ApiException when the network refuses the credentials (401/403) or the request
   * @throws IOException if the state dir cannot be read or written
   */
  public long run(Runnable ready) throws ApiException, IOException {
    synchronized (this) {
      worker = Thread.currentThread();
    }
    String network = feed.network();
    try {
      String account = feed.account();
      FeedState state = FeedState.load(stateDir, network);
      if (state != null && !state.userId().equals(account)) {
        throw new IOException(FeedState.file(stateDir, network) + " holds the position of " + state.userId()
            + ", not of " + account + ": use another --state-dir for this account");
      }
      if (state == null) {
        // Before anything is sent: a crash during the first delivery is then recovered like any other.
        state = new FeedState(account, null, ledger.endOffsets());
        state.save(stateDir, network);
      }
      Set<String> inKafka = new HashSet<>();
      for (String key : ledger.keysFrom(state.mark())) {
        // Only this feed's keys past the saved position matter: the rest are filtered anyway, or another producer's.
        if (feed.mayBeNewer(key, state.newestId())) {
          inKafka.add(key);
        }
      }
      if (!inKafka.isEmpty()) {
        LOG.info("{} post(s) reached Kafka after the last saved position; they are not sent again", inKafka.size());
      }
      LOG.info(state.newestId() == null ? "{}: no saved position: backfilling {}" : "{}: resuming after {}",
          network, state.newestId() == null ? backfill : state.newestId());
      ready.run();
      while (!stopped) {
        List<FeedItem> items = state.newestId() == null ? backfill() : feed.newerThan(state.newestId());
        if (stopped) {
          break; // a round cut short by a stop must not be saved
        }
        FeedState next = deliver(state, items, inKafka);
        if (next == null) {
          break; // stopped before delivering
        }
        if (next != state) {
          inKafka.clear(); // every post past the old position was in this round: the ledger's keys are used up
          state = next;
        }
        feed.awaitNews(pollInterval, time);
      }
    } catch (InterruptedException e) {
      LOG.debug("interrupted: stopping");
    } finally {
      synchronized (this) {
        worker = null;
      }
      Thread.interrupted(); // an interrupt meant "stop", and must not also abort the sink's close
    }
    return sent;
  }

  /** Asks a running follower to stop: at once when it waits, after the delivery in hand otherwise. */
  public synchronized void stop() {
    stopped = true;
    if (worker != null && !delivering) {
      worker.interrupt();
    }
  }

  /** Posts sent so far. */
  public long sent() {
    return sent;
  }

  /** The first run's posts, newest first, until the limit or the timeline's end. */
  private List<FeedItem> backfill() throws ApiException, InterruptedException {
    List<FeedItem> items = new ArrayList<>();
    Instant now = Instant.ofEpochMilli(time.nowMillis());
    String cursor = null;
    int pages = 0;
    Duration oldestAge = null;
    read:
    do {
      FeedPage page = feed.page(cursor);
      pages++;
      for (FeedItem item : page.items()) {
        Duration age = item.createdAt() == null ? null : Duration.between(item.createdAt(), now);
        if (items.size() >= backfill.tweets() || (backfill.age() != null && age != null && age.compareTo(backfill.age()) > 0)) {
          progress.page(pages, items.size(), oldestAge);
          break read;
        }
        items.add(item);
        oldestAge = age;
      }
      progress.page(pages, items.size(), oldestAge);
      cursor = page.nextCursor();
    } while (cursor != null && !stopped);
    progress.done(items.size());
    return items;
  }

  /**
   * Sends the posts oldest first, flushes, then saves the new position.
   *
   * @return the new state, the same one if nothing was new, or null if stopped before starting
   */
  private FeedState deliver(FeedState state, List<FeedItem> items, Set<String> inKafka) throws IOException {
    List<FeedItem> fresh = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (FeedItem item : items) {
      if ((state.newestId() == null || feed.positionOrder().compare(item.position(), state.newestId()) > 0)
          && keys.add(item.key())) {
        fresh.add(item); // a post on two pages (the timeline moved between requests) goes once
      }
    }
    fresh.sort(oldestFirst);
    if (fresh.isEmpty()) {
      return state;
    }
    synchronized (this) {
      if (stopped) {
        return null;
      }
      delivering = true;
      Thread.interrupted(); // a stop() that came before `delivering` was set has been seen through `stopped`
    }
    try {
      int skipped = 0;
      for (FeedItem item : fresh) {
        if (inKafka.contains(item.key())) {
          skipped++;
          continue;
        }
        sink.send(item.key(), item.json());
        sent++;
      }
      sink.flush();
      String newest = fresh.get(fresh.size() - 1).position();
      FeedState next = new FeedState(state.userId(), newest, ledger.endOffsets());
      next.save(stateDir, feed.network());
      LOG.info("sent {} post(s){}, newest {}; {} in all", fresh.size() - skipped,
          skipped == 0 ? "" : " (" + skipped + " already in Kafka)", newest, sent);
      return next;
    } finally {
      synchronized (this) {
        delivering = false;
      }
    }
  }
}
