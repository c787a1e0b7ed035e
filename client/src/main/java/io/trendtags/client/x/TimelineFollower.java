package io.trendtags.client.x;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * Follows the signed-in user's home timeline into a sink, losing nothing and sending nothing twice: the
 * first run backfills (bounded by a {@link BackfillLimit}); after that it polls with {@code since_id},
 * following {@code next_token} through a burst bigger than a page.
 *
 * <p>Each poll's tweets go out oldest first; once the sink has flushed (Kafka acknowledged them) the newest
 * id and the topic's end offsets are saved in the state dir. A client killed before that save reads, when it
 * starts again, the keys Kafka took after the saved mark ({@link TopicLedger}) and does not send those again;
 * everything newer than the saved id is fetched again, so nothing is skipped either.
 *
 * <p>It takes its timeline, sink and ledger as arguments: the command wires X and Kafka, tests wire a local
 * server and lists. {@link #stop()} from a shutdown hook ends it, never in the middle of a delivery.
 */
public final class TimelineFollower {

  private static final Logger LOG = LoggerFactory.getLogger(TimelineFollower.class);
  // The tweet as X sent it; emoji stay UTF-8 rather than escaped surrogate pairs.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();
  private static final Comparator<String> BY_ID = Comparator.comparingInt(String::length)
      .thenComparing(Comparator.naturalOrder());

  private final HomeTimeline timeline;
  private final TweetSink sink;
  private final TopicLedger ledger;
  private final Path stateDir;
  private final BackfillLimit backfill;
  private final Duration pollInterval;
  private final BackfillProgress progress;
  private final Time time;
  private volatile boolean stopped;
  private boolean delivering;
  private Thread worker;
  private long sent;

  public TimelineFollower(HomeTimeline timeline, TweetSink sink, TopicLedger ledger, Path stateDir,
      BackfillLimit backfill, Duration pollInterval, BackfillProgress progress) {
    this(timeline, sink, ledger, stateDir, backfill, pollInterval, progress, Time.SYSTEM);
  }

  TimelineFollower(HomeTimeline timeline, TweetSink sink, TopicLedger ledger, Path stateDir,
      BackfillLimit backfill, Duration pollInterval, BackfillProgress progress, Time time) {
    this.timeline = timeline;
    this.sink = sink;
    this.ledger = ledger;
    this.stateDir = stateDir;
    this.backfill = backfill;
    this.pollInterval = pollInterval;
    this.progress = progress;
    this.time = time;
  }

  /**
   * Signs in, then follows the timeline until {@link #stop()}.
   *
   * @param ready called once signed in and caught up with the topic, before the first poll
   * @return how many tweets it sent
   * @throws XApiException when X refuses the credentials (401/403) or the request
   * @throws IOException if the state dir cannot be read or written
   */
  public long run(Runnable ready) throws XApiException, IOException {
    synchronized (this) {
      worker = Thread.currentThread();
    }
    try {
      String userId = timeline.userId();
      TimelineState state = TimelineState.load(stateDir);
      if (state != null && !state.userId().equals(userId)) {
        throw new IOException(stateDir.resolve(TimelineState.FILE) + " holds the position of user " + state.userId()
            + ", not of " + userId + ": use another --state-dir for this account");
      }
      if (state == null) {
        // Before anything is sent: a crash during the first delivery is then recovered like any other.
        state = new TimelineState(userId, null, ledger.endOffsets());
        state.save(stateDir);
      }
      Set<String> inKafka = new HashSet<>();
      for (String key : ledger.keysFrom(state.mark())) {
        // Only ids above the saved one matter: the rest are filtered anyway, or another producer's records.
        if (key.matches("[0-9]{1,19}") && (state.newestId() == null || BY_ID.compare(key, state.newestId()) > 0)) {
          inKafka.add(key);
        }
      }
      if (!inKafka.isEmpty()) {
        LOG.info("{} tweet(s) reached Kafka after the last saved position; they are not sent again", inKafka.size());
      }
      LOG.info(state.newestId() == null ? "no saved position: backfilling {}" : "resuming after tweet {}",
          state.newestId() == null ? backfill : state.newestId());
      ready.run();
      while (!stopped) {
        List<JsonNode> tweets = state.newestId() == null ? backfill(userId) : since(userId, state.newestId());
        TimelineState next = deliver(state, tweets, inKafka);
        if (next == null) {
          break; // stopped before delivering
        }
        if (next != state) {
          inKafka.clear(); // every id above the old position was in this poll: the ledger's keys are used up
          state = next;
        }
        time.sleep(pollInterval.toMillis());
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

  /** Tweets sent so far. */
  public long sent() {
    return sent;
  }

  /** The first run's tweets, newest first, until the limit or the timeline's end. */
  private List<JsonNode> backfill(String userId) throws XApiException, InterruptedException {
    List<JsonNode> tweets = new ArrayList<>();
    Instant now = Instant.ofEpochMilli(time.nowMillis());
    String token = null;
    int pages = 0;
    Duration oldestAge = null;
    read:
    do {
      TimelinePage page = timeline.page(userId, null, token);
      pages++;
      for (JsonNode tweet : page.tweets()) {
        Duration age = BackfillProgress.ageOf(tweet.path("created_at").asText(""), now);
        if (tweets.size() >= backfill.tweets() || (backfill.age() != null && age != null && age.compareTo(backfill.age()) > 0)) {
          progress.page(pages, tweets.size(), oldestAge);
          break read;
        }
        tweets.add(tweet);
        oldestAge = age;
      }
      progress.page(pages, tweets.size(), oldestAge);
      token = page.nextToken();
    } while (token != null && !stopped);
    progress.done(tweets.size());
    return tweets;
  }

  /** Every tweet newer than {@code sinceId}, through as many pages as X has. */
  private List<JsonNode> since(String userId, String sinceId) throws XApiException, InterruptedException {
    List<JsonNode> tweets = new ArrayList<>();
    String token = null;
    do {
      TimelinePage page = timeline.page(userId, sinceId, token);
      tweets.addAll(page.tweets());
      token = page.nextToken();
    } while (token != null && !stopped);
    if (stopped) {
      throw new InterruptedException("stopped in the middle of a burst"); // a partial burst must not be saved
    }
    return tweets;
  }

  /**
   * Sends the tweets oldest first, flushes, then saves the new position.
   *
   * @return the new state, the same one if nothing was new, or null if stopped before starting
   */
  private TimelineState deliver(TimelineState state, List<JsonNode> tweets, Set<String> inKafka) throws IOException {
    List<JsonNode> fresh = new ArrayList<>();
    for (JsonNode tweet : tweets) {
      String id = tweet.path("id").asText("");
      if (!id.matches("[0-9]{1,19}")) {
        LOG.warn("a tweet without a valid id in the timeline; skipped");
      } else if (state.newestId() == null || BY_ID.compare(id, state.newestId()) > 0) {
        fresh.add(tweet);
      }
    }
    fresh.sort(Comparator.comparing(tweet -> tweet.get("id").asText(), BY_ID));
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
      String newest = null;
      for (JsonNode tweet : fresh) {
        String id = tweet.get("id").asText();
        newest = id;
        if (inKafka.contains(id)) {
          skipped++;
          continue;
        }
        sink.send(id, JSON.writeValueAsBytes(tweet));
        sent++;
      }
      sink.flush();
      TimelineState next = new TimelineState(state.userId(), newest, ledger.endOffsets());
      next.save(stateDir);
      LOG.info("sent {} tweet(s){}, newest {}; {} in all", fresh.size() - skipped,
          skipped == 0 ? "" : " (" + skipped + " already in Kafka)", newest, sent);
      return next;
    } finally {
      synchronized (this) {
        delivering = false;
      }
    }
  }
}
