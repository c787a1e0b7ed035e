package io.trendtags.topics;

/** A topic could not be created or found: its message says what failed and what to check. */
public final class TopicException extends RuntimeException {

  public TopicException(String message, Throwable cause) {
    super(message, cause);
  }
}
