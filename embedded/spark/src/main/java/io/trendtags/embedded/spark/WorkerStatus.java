package io.trendtags.embedded.spark;

import io.trendtags.core.net.LoopbackPorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Reads a worker's own {@code /json} page: it names its master's UI once the master has registered it. Two
 * workers started together may both try the same UI port, and Spark moves the later one up, so the page is
 * found by the worker id, which ends with the worker's RPC port.
 */
final class WorkerStatus {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** spark.port.maxRetries' default: how far above the asked UI port Spark looks for a free one. */
  private static final int SPARK_PORT_RETRIES = 16;

  private WorkerStatus() {}

  /** Waits until the worker on {@code rpcPort} is registered; returns its UI port, from {@code firstUiPort} up. */
  static int awaitRegistered(int rpcPort, int firstUiPort, Duration timeout) throws InterruptedException, TimeoutException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (int ui = firstUiPort; ui <= firstUiPort + SPARK_PORT_RETRIES; ui++) {
        JsonNode state = read(http, ui);
        if (state != null && state.path("id").asText("").endsWith("-" + rpcPort)) {
          if (!state.path("masterwebuiurl").asText("").isEmpty()) {
            return ui;
          }
          break;
        }
      }
      Thread.sleep(200);
    }
    throw new TimeoutException("the master did not register this worker within " + timeout.toSeconds() + " s");
  }

  private static JsonNode read(HttpClient http, int uiPort) throws InterruptedException {
    URI uri = URI.create("http://" + LoopbackPorts.HOST + ":" + uiPort + "/json/");
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (IOException notYet) {
      return null; // the UI starts a moment after the RPC endpoint, or this port is another process's
    }
  }
}
