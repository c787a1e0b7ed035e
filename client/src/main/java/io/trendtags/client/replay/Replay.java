package io.trendtags.client.replay;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trendtags.client.sink.SendInterruptedException;
import io.trendtags.client.sink.TweetSink;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.Tweet;
import io.trendtags.core.tweet.TweetParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a timeline into a sink, at a rate, once or in a loop. It takes its source and sink as
 * arguments: the command wires the file and Kafka, tests wire a small file and a list.
 *
 * <p>Each line must be a Tweet object (the stream's own parser checks it); a line that is not is logged
 * with its number, counted and skipped. {@link #stop()} from another thread (a shutdown hook) ends the
 * replay after the tweet in hand.
 */
public final class Replay {

  private static final Logger LOG = LoggerFactory.getLogger(Replay.class);
  private static final int SAVE_EVERY = 200;
  // Emoji stay UTF-8 bytes, as in the file, not JSON-escaped surrogate pairs.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private final TimelineSource source;
  private final TweetSink sink;
  private final Pacer pacer;
  private final boolean loop;
  private final ReplayProgress progress;
  private final Path stateDir;
  private Supplier<Instant> sendTime;
  private volatile boolean stopped;

  /**
   * @param rate tweets per second, 0 for as fast as the sink takes them
   * @param loop replay again and again, each pass with new ids (see {@link PassIds})
   */
  public Replay(TimelineSource source, TweetSink sink, double rate, boolean loop, ReplayProgress progress) {
    this(source, sink, new Pacer(rate, Pacer.Clock.SYSTEM), loop, progress, null);
  }

  /**
   * @param stateDir where the replay keeps its {@link ReplayPosition} and resumes from; null for none
   */
  public Replay(TimelineSource source, TweetSink sink, double rate, boolean loop, ReplayProgress progress, Path stateDir) {
    this(source, sink, new Pacer(rate, Pacer.Clock.SYSTEM), loop, progress, stateDir);
  }

  Replay(TimelineSource source, TweetSink sink, Pacer pacer, boolean loop, ReplayProgress progress) {
    this(source, sink, pacer, loop, progress, null);
  }

  Replay(TimelineSource source, TweetSink sink, Pacer pacer, boolean loop, ReplayProgress progress, Path stateDir) {
    this.source = source;
    this.sink = sink;
    this.pacer = pacer;
    this.loop = loop;
    this.progress = progress;
    this.stateDir = stateDir;
  }

  /**
   * Stamps each tweet's {@code created_at} with {@code sendTime} as it is sent, so a replayed timeline
   * looks live to the stream's event-time windows (every pass, not only the first, lands in the present).
   */
  public Replay stampingSendTime(Supplier<Instant> sendTime) {
    this.sendTime = sendTime;
    return this;
  }

  /**
   * Asks a running replay to stop after the tweet in hand; safe from any thread. Interrupting the
   * replaying thread as well ends a wait for the next tweet at once.
   */
  public void stop() {
    stopped = true;
  }

  /**
   * Replays until the file ends (or, with loop, until {@link #stop()}), then flushes the sink.
   *
   * @throws IOException if the file cannot be read
   */
  public ReplayStats run() throws IOException {
    long sent = 0;
    long bad = 0;
    ReplayPosition resumeAfter = stateDir == null ? ReplayPosition.START : ReplayPosition.load(stateDir);
    if (!resumeAfter.equals(ReplayPosition.START)) {
      LOG.info("resuming after pass {} line {} ({})", resumeAfter.pass() + 1, resumeAfter.line(), stateDir);
    }
    int pass = resumeAfter.pass();
    int lineNumber = 0;
    // The last line handed to the sink (or skipped as bad): what the saved position says, so that a line
    // read when the stop came is sent again on the next start, never lost.
    int handled = 0;
    while (!stopped) {
      long sentInPass = 0;
      try (BufferedReader lines = source.open()) {
        String line;
        lineNumber = 0;
        handled = 0;
        while (!stopped && (line = lines.readLine()) != null) {
          lineNumber++;
          if (pass == resumeAfter.pass() && lineNumber <= resumeAfter.line()) {
            sentInPass++;
            handled = lineNumber;
            continue;
          }
          byte[] json = line.getBytes(StandardCharsets.UTF_8);
          Tweet tweet;
          try {
            tweet = TweetParser.parse(json);
          } catch (MalformedTweetException e) {
            bad++;
            handled = lineNumber;
            if (pass == 0) {
              LOG.warn("{} line {}: {}; skipped", source.name(), lineNumber, e.reason());
            }
            continue;
          }
          String id = PassIds.idInPass(tweet.id(), pass);
          try {
            pacer.awaitNext();
          } catch (InterruptedException e) {
            stopped = true; // a shutdown hook woke us from a long wait at a slow rate
            break;
          }
          try {
            sink.send(id, pass == 0 && sendTime == null ? json : rewritten(json, id, sendTime));
          } catch (SendInterruptedException e) {
            stopped = true; // the stop came while the sink waited: this line was not taken
            break;
          }
          handled = lineNumber;
          sent++;
          sentInPass++;
          progress.sent(sent, pass + 1);
          if (stateDir != null && sent % SAVE_EVERY == 0) {
            savePosition(pass, handled);
          }
        }
      }
      if (stopped) {
        break;
      }
      pass++;
      lineNumber = 0;
      handled = 0;
      if (!loop || sentInPass == 0) {
        if (loop) {
          LOG.warn("{} has no tweets to replay; stopping the loop", source.name());
        }
        break;
      }
    }
    if (stopped) {
      Thread.interrupted(); // an interrupt meant "stop", and must not also abort the flush
    }
    sink.flush();
    if (stateDir != null) {
      savePosition(pass, handled);
    }
    return new ReplayStats(sent, bad, stopped ? pass + 1 : pass); // a pass cut short counts as one
  }

  /** Flushes first: the position saved must never be ahead of what Kafka acknowledged. */
  private void savePosition(int pass, long line) throws IOException {
    sink.flush();
    new ReplayPosition(pass, line).save(stateDir);
  }

  /** The tweet's JSON with another id; every other field as it was, in its order. */
  private static byte[] rewritten(byte[] json, String id, Supplier<Instant> sendTime)
      throws IOException {
    ObjectNode tweet = (ObjectNode) JSON.readTree(json);
    tweet.put("id", id);
    if (sendTime != null) {
      tweet.put("created_at", sendTime.get().toString());
    }
    return JSON.writeValueAsBytes(tweet);
  }
}
