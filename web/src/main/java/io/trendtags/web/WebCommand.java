package io.trendtags.web;

import io.javalin.util.JavalinBindException;
import io.micrometer.core.instrument.FunctionCounter;
import io.trendtags.core.config.ConfigDefaults;
import io.trendtags.core.config.MetricsPortConverter;
import io.trendtags.core.config.DurationConverter;
import io.trendtags.core.config.EffectiveConfig;
import io.trendtags.observe.OpsServer;
import io.trendtags.observe.StageMetrics;
import io.trendtags.web.api.StreamLimits;
import io.trendtags.web.embed.EmbedPolicy;
import io.trendtags.store.ChangedRows;
import io.trendtags.web.source.ChangedRowsListener;
import io.trendtags.web.source.TableTopTagsSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./trendtags web}: the dashboard and JSON API over the HBase table the stream job writes.
 * Prints {@code TRENDTAGS READY web url=http://127.0.0.1:<port>/} once serving; SIGTERM stops it.
 */
@Command(name = "web", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The dashboard, the embeddable widget (/widget) and the JSON API (GET /api/top?n=10, live: GET /api/stream?n=10) of the top hashtags in HBase."})
public final class WebCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(WebCommand.class);

  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "5001", paramLabel = "PORT",
      description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--hbase-zk", defaultValue = "127.0.0.1:2181", paramLabel = "HOST:PORT",
      description = "HBase's ZooKeeper (default: ${DEFAULT-VALUE}).")
  String hbaseZk;

  @Option(names = "--refresh", defaultValue = "250ms", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How often the app reads HBase, for all clients at once: 500ms, 1s, 2m... (default: ${DEFAULT-VALUE}).")
  Duration refresh;

  @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
      description = "Kafka where the job names each list it has just written (--changes-topic): the app reads that list at once "
          + "instead of at its next --refresh; none to only poll (default: ${DEFAULT-VALUE}).")
  String kafka;

  @Option(names = "--changes-topic", defaultValue = ChangedRows.DEFAULT_TOPIC, paramLabel = "TOPIC",
      description = "The job's topic of changed lists (default: ${DEFAULT-VALUE}).")
  String changesTopic;

  @Option(names = "--frame-ancestors", defaultValue = "*", paramLabel = "SOURCES",
      description = "Which sites may show /widget in a frame: a CSP frame-ancestors source list, e.g."
          + " \"https://blog.example.org 'self'\"; 'none' for no site (default: ${DEFAULT-VALUE}, any site).")
  String frameAncestors;

  @Option(names = "--cors-origins", defaultValue = "*", paramLabel = "ORIGINS",
      description = "Which origins' scripts may call /api/* (CORS), comma-separated, e.g."
          + " https://blog.example.org; none for no cross-origin calls (default: ${DEFAULT-VALUE}, any origin).")
  String corsOrigins;

  @Option(names = "--max-streams", defaultValue = "2000", paramLabel = "N",
      description = "Most /api/stream connections open at once; past it a new one gets 503 and Retry-After (default: ${DEFAULT-VALUE}).")
  int maxStreams;

  @Option(names = "--max-streams-per-address", defaultValue = "100", paramLabel = "N",
      description = "Most /api/stream connections open at once from one client address (default: ${DEFAULT-VALUE}).")
  int maxStreamsPerAddress;

  @Option(names = "--metrics-port", converter = MetricsPortConverter.class, defaultValue = "9103", paramLabel = "PORT",
      description = "Port of /metrics (Prometheus) and /health, on the --bind address; 0 for none (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  // Read by ConfigDefaults before parsing; declared so that picocli accepts it and --help shows it.
  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file of option defaults (default: $TRENDTAGS_CONFIG, else ./trendtags.properties).")
  Path config;

  public static void main(String[] args) {
    System.exit(ConfigDefaults.execute(new WebCommand(), args));
  }

  @Override
  public Integer call() throws InterruptedException {
    validate();
    EmbedPolicy embed = embedPolicy();
    log.info("{}", EffectiveConfig.describe(spec));

    // Serve at once, and read HBase when it is there: the page says "waiting for data" meanwhile.
    TableTopTagsSource table = TableTopTagsSource.connectingTo(hbaseZk);
    WebApp app = new WebApp(table, refresh, embed,
        new StreamLimits(maxStreams, maxStreamsPerAddress, StreamLimits.DEFAULTS.dropBehindAfter()), StageMetrics.registry("web"));
    OpsServer started;
    try {
      app.start(bind, port);
      started = metricsPort == 0 ? null : OpsServer.start(bind, metricsPort, app.registry(), app.health());
    } catch (JavalinBindException | IOException e) {
      app.close();
      table.close();
      System.err.printf("trendtags web: %s%n", e instanceof JavalinBindException
          ? "cannot listen on " + bind + ":" + port + " (" + e.getMessage() + "). Choose another --port or --bind."
          : e.getMessage());
      return 1;
    }
    OpsServer ops = started;
    ChangedRowsListener changes = kafka.isBlank() || kafka.trim().equals("none")
        ? null : ChangedRowsListener.start(kafka, changesTopic, app::refreshSoon);
    if (changes != null) {
      FunctionCounter.builder("trendtags.web.change.notices", changes, ChangedRowsListener::heard)
          .description("The job's notices of a changed list, each read at once").register(app.registry());
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("web: stopping");
      if (changes != null) {
        changes.close();
      }
      if (ops != null) {
        ops.close();
      }
      app.close();
      table.close();
      stopped.countDown();
    }, "web-shutdown"));

    System.out.println("TRENDTAGS READY web url=http://" + urlHost(bind) + ":" + app.port() + "/"
        + (ops == null ? "" : " metrics=http://" + urlHost(bind) + ":" + ops.port() + "/metrics"));
    System.out.flush();
    stopped.await();
    return 0;
  }

  private void validate() {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got " + port);
    }
    if (maxStreams < 1 || maxStreamsPerAddress < 1) {
      throw new ParameterException(spec.commandLine(), "--max-streams and --max-streams-per-address must be 1 or more");
    }
    if (refresh.isZero() || refresh.isNegative()) {
      throw new ParameterException(spec.commandLine(), "--refresh must be positive, got " + refresh);
    }
  }

  private EmbedPolicy embedPolicy() {
    List<String> origins = corsOrigins.isBlank() || corsOrigins.trim().equals("none")
        ? List.of()
        : Arrays.stream(corsOrigins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
    try {
      return new EmbedPolicy(frameAncestors, origins);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
  }

  /** The host part of the URL to print: a browser cannot open 0.0.0.0, and IPv6 needs brackets. */
  static String urlHost(String bind) {
    if (bind.equals("0.0.0.0") || bind.equals("::")) {
      return "127.0.0.1";
    }
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }
}
