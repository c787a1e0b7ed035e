package io.trendtags.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.launcher.process.StageProcess;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Watches the dashboard's API until it has ten hashtags to draw, then reports how long that took from
 * the demo's start and what memory the demo's processes hold: the two figures the demo is judged by.
 */
final class FirstBarsWatch extends Thread {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BARS = 10;

  private final URI api;
  private final List<StageProcess> stages;
  private final long startNanos;
  private final PrintStream out;

  FirstBarsWatch(String dashboardUrl, List<StageProcess> stages, long startNanos, PrintStream out) {
    super("first-bars-watch");
    setDaemon(true);
    this.api = URI.create(dashboardUrl).resolve("/api/top?n=" + BARS);
    this.stages = stages;
    this.startNanos = startNanos;
    this.out = out;
  }

  @Override
  public void run() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(api).timeout(Duration.ofSeconds(5)).build();
    try {
      while (true) {
        try {
          JsonNode top = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
          if (top.path("tags").size() >= BARS) {
            break;
          }
        } catch (java.io.IOException notYet) {
          // The web app or its data is not there yet: ask again.
        }
        Thread.sleep(250);
      }
      out.printf("demo: %d hashtags on the dashboard %.1f s after start%n", BARS, (System.nanoTime() - startNanos) / 1e9);
      out.println("demo: memory " + ProcessMemory.describe(stages));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
