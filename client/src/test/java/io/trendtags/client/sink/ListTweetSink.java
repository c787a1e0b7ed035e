package io.trendtags.client.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The replay's own seam, in memory: what was sent, in order. */
public class ListTweetSink implements TweetSink {

  /** One tweet as the sink got it. */
  public record Sent(String id, String json) {}

  private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
  private int flushes;

  @Override
  public void send(String id, byte[] json) {
    sent.add(new Sent(id, new String(json, java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  public void flush() {
    flushes++;
  }

  @Override
  public void close() {}

  /**
   * What was sent so far, a copy: a follower thread may send while a test reads, and iterating the live list
   * meanwhile throws ConcurrentModificationException.
   */
  public List<Sent> sent() {
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  /** Forgets what was sent so far. */
  public void clear() {
    sent.clear();
  }

  public int flushes() {
    return flushes;
  }
}
