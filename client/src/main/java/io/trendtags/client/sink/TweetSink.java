package io.trendtags.client.sink;

/**
 * Where the client writes tweets. The replay takes one as an argument: the command wires Kafka, tests
 * can wire a list.
 */
public interface TweetSink extends AutoCloseable {

  /**
   * Hands over one tweet; may return before it is stored.
   *
   * @throws SinkException if the sink has failed and cannot take more tweets
   * @throws SendInterruptedException if the thread was interrupted before the sink took the tweet
   */
  void send(String id, byte[] json);

  /** Returns once every tweet handed over so far is stored. */
  void flush();

  /** Flushes, then releases the sink. */
  @Override
  void close();
}
