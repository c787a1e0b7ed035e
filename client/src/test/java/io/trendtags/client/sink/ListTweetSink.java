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

  public List<Sent> sent() {
    return sent;
  }

  public int flushes() {
    return flushes;
  }
}
