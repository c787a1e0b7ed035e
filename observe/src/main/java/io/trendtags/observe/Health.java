package io.trendtags.observe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a stage is doing, from the checks it registers, one per dependency or duty: up; degraded (it works,
 * but a dependency it can do without for a while is failing, so what it serves is getting old); or down
 * (it cannot do its job). The stage is as bad as its worst check. Served as JSON on {@code /health}, 200
 * when up and 503 otherwise, for a load balancer or a Kubernetes probe.
 *
 * <p>Checks are read on each request, so each must be cheap: a flag or a timestamp the stage keeps, never
 * a call to the dependency itself. Thread-safe.
 */
public final class Health {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** From best to worst. */
  public enum Status {
    UP, DEGRADED, DOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One check's answer; {@code reason} says what is wrong (null when up). */
  public record Check(Status status, String reason) {

    public static Check up() {
      return new Check(Status.UP, null);
    }

    public static Check degraded(String reason) {
      return new Check(Status.DEGRADED, reason);
    }

    public static Check down(String reason) {
      return new Check(Status.DOWN, reason);
    }
  }

  /** The whole answer: the worst status, the checks not up, and every check by name. */
  public record Report(Status status, List<String> down, Map<String, Check> checks) {

    public int httpStatus() {
      return status == Status.UP ? 200 : 503;
    }

    /** {@code {"status":"up","down":[],"checks":{"hbase":{"status":"up"}}}}, reasons where not up. */
    public String toJson() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", status.id());
      body.put("down", down);
      Map<String, Object> byName = new LinkedHashMap<>();
      checks.forEach((name, check) -> byName.put(name, new CheckJson(check.status().id(), check.reason())));
      body.put("checks", byName);
      try {
        return JSON.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a health report is always serialisable", e);
      }
    }

    private record CheckJson(@JsonProperty("status") String status, @JsonProperty("reason") String reason) {}
  }

  private final Map<String, Supplier<Check>> checks = new LinkedHashMap<>();

  /** Adds a check named {@code name} (a dependency or duty: "hbase", "kafka", "queries"). */
  public synchronized Health add(String name, Supplier<Check> check) {
    checks.put(name, check);
    return this;
  }

  /** Runs every check now. A check that throws counts as down, with what it threw. */
  public synchronized Report report() {
    Status worst = Status.UP;
    List<String> notUp = new ArrayList<>();
    Map<String, Check> results = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<Check>> entry : checks.entrySet()) {
      Check check;
      try {
        check = entry.getValue().get();
      } catch (RuntimeException e) {
        check = Check.down("the check failed: " + e.getMessage());
      }
      results.put(entry.getKey(), check);
      if (check.status() != Status.UP) {
        notUp.add(entry.getKey());
      }
      if (check.status().compareTo(worst) > 0) {
        worst = check.status();
      }
    }
    return new Report(worst, List.copyOf(notUp), results);
  }
}
