package io.trendtags.stream;

import io.trendtags.stream.HashtagStream.JobQuery;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the job's queries running: a query that fails (Kafka restarting under it, say: Spark's Kafka
 * source gives up on a broker that is away for a few seconds) is started again from its checkpoint after
 * a pause that doubles from 2 s to a minute, and goes on exactly where its last committed batch ended,
 * so nothing is lost or counted twice. Without this the process would outlive its queries, counting
 * nothing. Runs until {@link #stop()}, which stops every query.
 *
 * <p>The first query starts alone and the others once it has ended its first batch ({@link #startTheRest()}).
 */
final class QuerySupervisor {

  private static final Logger LOG = LoggerFactory.getLogger(QuerySupervisor.class);
  static final Duration FIRST_PAUSE = Duration.ofSeconds(2);
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);
  /** A run this long resets the pause: the next failure is a new one, not the same one again. */
  private static final Duration HEALTHY_RUN = Duration.ofMinutes(10);
  /** The longest the other queries wait for the first one's first batch: a batch of a large backlog is long. */
  static final Duration FIRST_BATCH_WAIT = Duration.ofSeconds(30);
  private static final Duration FIRST_BATCH_POLL = Duration.ofMillis(50);

  private final SparkSession spark;
  private final List<JobQuery> queries;
  private final Duration firstPause;
  private final Duration firstBatchWait;
  /** Read by {@link #stop()} on the shutdown hook's thread while {@link #run()} changes it. */
  private final Map<String, StreamingQuery> running = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Long> startedAt = new LinkedHashMap<>();
  private final Map<String, Duration> pauses = new LinkedHashMap<>();
  /** The queries that failed (or could not start) and are waiting to start again; read by the health check. */
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final Set<String> ended = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;
  private final CountDownLatch allStopped = new CountDownLatch(1);

  QuerySupervisor(SparkSession spark, List<JobQuery> queries) {
    this(spark, queries, FIRST_PAUSE, FIRST_BATCH_WAIT);
  }

  QuerySupervisor(SparkSession spark, List<JobQuery> queries, Duration firstPause, Duration firstBatchWait) {
    this.spark = spark;
    this.queries = queries;
    this.firstPause = firstPause;
    this.firstBatchWait = firstBatchWait;
  }

  /** Starts the first query (retrying it while it cannot start yet); {@link #run()} starts the others. */
  void startFirst() throws InterruptedException {
    startUntilItRuns(queries.get(0));
  }

  /**
   * Starts the queries after the first (see {@link #startTheRest()}), then restarts the queries that fail,
   * until every query has ended without failing: stopped, or done (a {@code --once} run). After
   * {@link #stop()}, returns only once every query has stopped: the caller then closes what the queries write
   * to, and a batch still running would retry against a closed store.
   */
  void run() throws InterruptedException {
    startTheRest();
    while (!stopped && !running.isEmpty()) {
      try {
        spark.streams().awaitAnyTermination();
      } catch (StreamingQueryException e) {
        // Which query failed, and why, is read from the query below.
      }
      spark.streams().resetTerminated();
      for (JobQuery query : queries) {
        StreamingQuery run = running.get(query.name());
        if (stopped || run == null || run.isActive()) {
          continue;
        }
        if (run.exception().isEmpty()) {
          running.remove(query.name()); // done, or stopped: nothing to restart
          ended.add(query.name());
          continue;
        }
        failed.add(query.name());
        StreamingQueryException e = run.exception().get();
        Duration pause = nextPause(query.name());
        LOG.warn("query {} failed ({}); starting it again from its checkpoint in {} s", query.name(),
            firstLine(e.getMessage() == null ? e.toString() : e.getMessage()), pause.toSeconds());
        pauseFor(pause);
        if (!stopped) {
          startUntilItRuns(query);
        }
      }
    }
    if (stopped) {
      allStopped.await();
    }
  }

  /**
   * Starts every query after the first once the first has ended its first batch, has stopped or failed, or
   * after {@link #FIRST_BATCH_WAIT}. On a cold JVM a first batch is mostly loading and compiling classes that
   * every query uses: in the demo, on two cores beside the servers, the two queries' first batches started
   * together took 8.4-8.9 s; the first query's alone 7.1-7.9 s, then the second's 2.2 s. The first query is
   * the all-time view, the dashboard's first bars, so they come 1.5 s sooner and the windowed views about
   * as much later.
   */
  private void startTheRest() throws InterruptedException {
    StreamingQuery first = running.get(queries.get(0).name());
    long deadline = System.nanoTime() + firstBatchWait.toNanos();
    while (!stopped && first != null && first.isActive() && first.lastProgress() == null
        && System.nanoTime() < deadline) {
      pauseFor(FIRST_BATCH_POLL);
    }
    for (JobQuery query : queries.subList(1, queries.size())) {
      startUntilItRuns(query);
    }
  }

  /**
   * Each query that is not running, and why: its first start still to come (the first query's, or the others'
   * once the first has ended its first batch), or a failure it is to be started again after. A query that
   * ended (a {@code --once} run) is running no more and named too.
   */
  Map<String, String> notRunning() {
    Map<String, String> why = new LinkedHashMap<>();
    for (JobQuery query : queries) {
      StreamingQuery run = running.get(query.name());
      if (run != null && run.isActive()) {
        continue;
      }
      if (failed.contains(query.name())) {
        why.put(query.name(), "failed; the job starts it again from its checkpoint (its log says why)");
      } else if (ended.contains(query.name()) || run != null) {
        why.put(query.name(), "ended");
      } else {
        why.put(query.name(), query == queries.get(0) ? "starting"
            : "starting once " + queries.get(0).name() + " has ended its first batch");
      }
    }
    return why;
  }

  /** Stops every query and ends {@link #run()}. */
  void stop() {
    stopped = true;
    try {
      List<StreamingQuery> toStop;
      synchronized (running) {
        toStop = List.copyOf(running.values());
      }
      for (StreamingQuery query : toStop) {
        stopQuietly(query);
      }
    } finally {
      allStopped.countDown();
    }
  }

  private static void stopQuietly(StreamingQuery query) {
    try {
      query.stop();
    } catch (Exception e) {
      // Spark's own shutdown hook may have stopped everything first: nothing left to stop.
      LOG.debug("stopping query {}: {}", query.name(), e.getMessage());
    }
  }

  private void startUntilItRuns(JobQuery query) throws InterruptedException {
    while (!stopped) {
      try {
        StreamingQuery started = query.start();
        running.put(query.name(), started);
        failed.remove(query.name());
        startedAt.put(query.name(), System.nanoTime());
        if (stopped) {
          // stop() may have taken its copy of the running queries between the start and the put above.
          stopQuietly(started);
        }
        return;
      } catch (TimeoutException | RuntimeException e) {
        failed.add(query.name());
        Duration pause = nextPause(query.name());
        LOG.warn("query {} cannot start ({}); trying again in {} s", query.name(), e.getMessage(), pause.toSeconds());
        pauseFor(pause);
      }
    }
  }

  private Duration nextPause(String name) {
    Long since = startedAt.get(name);
    Duration previous = pauses.get(name);
    Duration pause;
    if (previous == null || (since != null && System.nanoTime() - since > HEALTHY_RUN.toNanos())) {
      pause = firstPause;
    } else {
      Duration doubled = previous.multipliedBy(2);
      pause = doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }
    pauses.put(name, pause);
    return pause;
  }

  /**
   * Waits before a restart; {@link #stop()} ends the wait at once, so a stop needs no interrupt, which would
   * also reach the closes after {@link #run()} (Kafka's producer logs one as an error with a stack trace).
   */
  private void pauseFor(Duration pause) throws InterruptedException {
    allStopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
