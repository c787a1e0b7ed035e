package io.trendtags.core.tweet;

/**
 * A record value that is not an X API v2 Tweet object: bad JSON, not an object, no string id, and so on.
 *
 * <p>Checked, so that every caller decides what a bad record means to it (the stream job counts it as
 * rejected, the {@code extract} command reports the line). Bad records are expected input, not bugs: the
 * exception carries no stack trace, which keeps a stream of garbage as cheap to reject as to parse.
 */
public final class MalformedTweetException extends Exception {

  private static final long serialVersionUID = 1L;

  public MalformedTweetException(String reason) {
    super(reason, null, false, false);
  }

  /** Why the value is not a tweet, e.g. {@code "id is missing"}; safe to show to a user. */
  public String reason() {
    return getMessage();
  }
}
