package io.trendtags.client.feed;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** What every network's API client does the same way: one request sent, and an answer's status read as a kind of failure. */
public final class ApiHttp {

  private ApiHttp() {}

  /**
   * Sends {@code request}; a timeout or a broken connection is a {@link ApiException.Kind#TRANSIENT} failure
   * described as {@code what} ("GET /api/v1/timelines/home").
   */
  public static HttpResponse<byte[]> send(HttpClient http, HttpRequest request, String what, Duration timeout)
      throws ApiException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new ApiException(ApiException.Kind.TRANSIENT, what + ": no answer within " + timeout.toMillis() / 1000.0 + " s", -1);
    } catch (IOException e) {
      throw new ApiException(ApiException.Kind.TRANSIENT, what + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), -1);
    }
  }

  /**
   * The failure an answer other than success means: 401 and 403 {@link ApiException.Kind#REJECTED}, 429
   * {@link ApiException.Kind#RATE_LIMITED} until {@code resetEpochSeconds}, 5xx
   * {@link ApiException.Kind#TRANSIENT}, anything else {@link ApiException.Kind#FATAL}.
   */
  public static ApiException failure(int status, String message, long resetEpochSeconds) {
    if (status == 401 || status == 403) {
      return new ApiException(ApiException.Kind.REJECTED, message, -1);
    }
    if (status == 429) {
      return new ApiException(ApiException.Kind.RATE_LIMITED, message, resetEpochSeconds);
    }
    if (status >= 500) {
      return new ApiException(ApiException.Kind.TRANSIENT, message, -1);
    }
    return new ApiException(ApiException.Kind.FATAL, message, -1);
  }
}
