package io.trendtags.client.feed;

/**
 * A request to a network's API (X, Mastodon, Bluesky) that did not give data. The kind says what the client does about it; the
 * message says what happened and never holds a credential.
 */
public final class ApiException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What the client does about a failed request. */
  public enum Kind {
    /** 401 or 403: the credentials are wrong, revoked or not allowed this endpoint. Stop; retrying will not help. */
    REJECTED,
    /** A session's access token expired (Bluesky's 400 {@code ExpiredToken}): refresh the session, then try again. */
    EXPIRED,
    /** 429: wait until the reset time, then try again. */
    RATE_LIMITED,
    /** 5xx, a timeout, a broken connection or an unreadable body: back off with jitter and try again. */
    TRANSIENT,
    /** Any other answer (e.g. 400): a bug or an API change. Stop. */
    FATAL
  }

  private final Kind kind;
  private final long resetEpochSeconds;

  public ApiException(Kind kind, String message, long resetEpochSeconds) {
    super(message);
    this.kind = kind;
    this.resetEpochSeconds = resetEpochSeconds;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * For {@link Kind#RATE_LIMITED}: when the window resets (epoch seconds); for a {@link Kind#TRANSIENT} failure
   * whose answer named a time to try again (Mastodon's 206), that time; -1 if the response did not say.
   */
  public long resetEpochSeconds() {
    return resetEpochSeconds;
  }
}
