package io.trendtags.client.testing;

import io.trendtags.client.feed.FeedFollower;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** A follower running on a thread of its own, as the client runs one; {@link #result()} holds what it returned or threw. */
public record BackgroundFollower(FeedFollower follower, CompletableFuture<Long> result) {

  /** Starts {@code follower}. */
  public static BackgroundFollower start(FeedFollower follower) {
    return new BackgroundFollower(follower, CompletableFuture.supplyAsync(() -> {
      try {
        return follower.run(() -> {});
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }));
  }

  /** Stops it and waits for it to end; a test that cares about how it ended asserts on {@link #result()}. */
  public void stop() {
    follower.stop();
    try {
      result.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // asserted by the test that cares
    }
  }
}
