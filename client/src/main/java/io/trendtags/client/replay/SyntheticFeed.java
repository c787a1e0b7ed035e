package io.trendtags.client.replay;

import io.trendtags.client.sink.SendInterruptedException;
import io.trendtags.client.sink.TweetSink;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link SyntheticTimeline} into a sink at a rate until stopped, and says in the log when a
 * surge begins. Endless: it keeps no position, since every tweet is new (its id comes from the time).
 */
public final class SyntheticFeed {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticFeed.class);

  private final SyntheticTimeline timeline;
  private final TweetSink sink;
  private final Pacer pacer;
  private final Clock clock;
  private final ReplayProgress progress;
  private volatile boolean stopped;

  public SyntheticFeed(SyntheticTimeline timeline, TweetSink sink, double rate, Clock clock, ReplayProgress progress) {
    this.timeline = timeline;
    this.sink = sink;
    this.pacer = new Pacer(rate, Pacer.Clock.SYSTEM);
    this.clock = clock;
    this.progress = progress;
  }

  /** Asks the feed to stop after the tweet in hand; safe from any thread. */
  public void stop() {
    stopped = true;
  }

  /** Sends until stopped (or interrupted), flushes, and returns how many tweets it sent. */
  public long run() {
    long sent = 0;
    String surging = null;
    while (!stopped) {
      try {
        pacer.awaitNext();
      } catch (InterruptedException e) {
        break;
      }
      var now = clock.instant();
      String surge = timeline.surgingAt(now);
      if (surge != null && !Objects.equals(surge, surging)) {
        LOG.info("surge: #{} from {}", surge, now);
      }
      surging = surge;
      SyntheticTimeline.Made tweet = timeline.next(now);
      try {
        sink.send(tweet.id(), tweet.json());
      } catch (SendInterruptedException e) {
        break; // the stop came while the sink waited
      }
      progress.sent(++sent, 1);
    }
    Thread.interrupted(); // an interrupt meant "stop", and must not also abort the flush
    sink.flush();
    return sent;
  }
}
