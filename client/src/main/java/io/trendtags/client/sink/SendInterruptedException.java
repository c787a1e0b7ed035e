package io.trendtags.client.sink;

/**
 * The thread was interrupted (the client is stopping) while a sink waited to take a tweet: the tweet was
 * not taken, and the caller should stop without counting it, so that its saved position sends it again.
 */
public final class SendInterruptedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SendInterruptedException(Throwable cause) {
    super("interrupted while handing a tweet over", cause);
  }
}
