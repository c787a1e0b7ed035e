package io.trendtags.client.sink;

/** A sink that can no longer store tweets (e.g. Kafka refused a write); the message says why. */
public final class SinkException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
