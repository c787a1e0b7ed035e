package io.trendtags.client.feed;

import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network's requests sent with the waiting done right, the same for every network: paced by the last
 * answer's rate-limit headers ({@link RequestGate}), nothing sent while a 429's reset is pending, a transient
 * failure tried again after a growing random wait ({@link Backoff}) or at the time its answer named. Bad
 * credentials and other refusals are thrown to the caller.
 */
public final class Pacing {

  private static final Logger LOG = LoggerFactory.getLogger(Pacing.class);

  private final RequestGate gate;
  private final Backoff backoff;
  private final Time time;

  /** @param window the network's rate-limit window: a 429 that names no reset waits this long */
  public Pacing(Time time, Duration window, Backoff backoff) {
    this.time = time;
    this.gate = new RequestGate(time, window);
    this.backoff = backoff;
  }

  /** One request. */
  @FunctionalInterface
  public interface Call<T> {
    T send() throws ApiException, InterruptedException;
  }

  /**
   * Sends {@code call} until it answers, reading each answer's rate limit with {@code rateLimit}.
   *
   * @throws ApiException when the network refuses for good ({@link ApiException.Kind#REJECTED}, {@link
   *     ApiException.Kind#FATAL}, or {@link ApiException.Kind#EXPIRED} for the caller to refresh)
   */
  public <T> T call(Call<T> call, Function<T, RateLimit> rateLimit) throws ApiException, InterruptedException {
    while (true) {
      gate.awaitTurn();
      try {
        T answer = call.send();
        gate.answered(rateLimit.apply(answer));
        backoff.reset();
        return answer;
      } catch (ApiException e) {
        switch (e.kind()) {
          case RATE_LIMITED -> gate.rateLimited(e.resetEpochSeconds());
          case TRANSIENT -> {
            long delay = e.resetEpochSeconds() > 0
                ? Math.max(0, e.resetEpochSeconds() * 1000 - time.nowMillis()) : backoff.nextDelayMillis();
            LOG.warn("{}; trying again in {} ms", e.getMessage(), delay);
            time.sleep(delay);
          }
          default -> throw e;
        }
      }
    }
  }
}
