package io.trendtags.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.View;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.TableNotFoundException;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The HBase table {@code hashtags} (column family {@code hashtag}, the original system's names).
 *
 * <p>Row layout: each view's whole current top list is ONE row, written by ONE Put: {@code top} for all
 * time (the row the first version wrote), {@code top:15m}, {@code top:1h}, {@code top:24h},
 * {@code top:surge} for the others, each of every source; one network's lists are {@code top@mastodon},
 * {@code top:1h@mastodon} and so on ({@link #row(Ranking)}):
 * <pre>
 *   row "top"   hashtag:tags        JSON [{"tag":"Java","count":1234,"authors":310}, ...]  highest first, up to 100
 *               hashtag:updated_at  ISO-8601 instant of the write
 *               hashtag:clock       ISO-8601: the newest created_at the stream had seen (all time of one
 *                                   source: the newest of that source's posts)
 *               hashtag:rejected    records set aside as not tweets (decimal)
 *               hashtag:query       id of the streaming query that wrote it (its checkpoint's identity)
 * </pre>
 * HBase makes a single-row Put atomic, so a reader's one Get never sees half of one batch and half of
 * another; and since every list is a function of the stream's checkpointed state, re-running a batch
 * after a crash writes the same tags again.
 */
public final class TopTagsTable implements AutoCloseable {

  public static final TableName NAME = TableName.valueOf("hashtags");
  public static final byte[] FAMILY = Bytes.toBytes("hashtag");
  static final byte[] TAGS = Bytes.toBytes("tags");
  static final byte[] CLOCK = Bytes.toBytes("clock");
  static final byte[] QUERY = Bytes.toBytes("query");
  static final byte[] UPDATED_AT = Bytes.toBytes("updated_at");
  static final byte[] REJECTED = Bytes.toBytes("rejected");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<TagCount>> TAG_LIST = new TypeReference<>() {};

  /** How long minute buckets stay in {@link TagHistoryTable} unless the stream says otherwise. */
  public static final Duration DEFAULT_HISTORY_TTL = Duration.ofDays(7);

  private final Connection connection;
  private final Table table;
  private final TagHistoryTable history;
  private volatile long answeredAt = System.nanoTime();

  /** {@code historyTtl} null: open for reading, creating nothing. */
  private TopTagsTable(Connection connection, Duration historyTtl) throws IOException {
    this.connection = connection;
    if (historyTtl != null) {
      createIfAbsent(connection);
    }
    this.table = connection.getTable(NAME);
    this.history = new TagHistoryTable(connection, historyTtl, this::answered);
  }

  /**
   * Connects to the HBase whose ZooKeeper quorum is {@code hbaseZk} ({@code host:port[,host:port...]})
   * and creates the tables if they do not exist: the writer's way in.
   */
  public static TopTagsTable connect(String hbaseZk) {
    return connect(hbaseZk, DEFAULT_HISTORY_TTL);
  }

  /** As {@link #connect(String)}; a history table it creates keeps buckets for {@code historyTtl}. */
  public static TopTagsTable connect(String hbaseZk, Duration historyTtl) {
    return open(hbaseZk, java.util.Objects.requireNonNull(historyTtl, "historyTtl"));
  }

  /**
   * Connects for reading only: creates no table, so a reader (the web app) needs read rights alone. Until
   * the stream job has created the tables, every list reads as empty.
   */
  public static TopTagsTable connectForReading(String hbaseZk) {
    return open(hbaseZk, null);
  }

  private static TopTagsTable open(String hbaseZk, Duration historyTtl) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", hbaseZk);
    // Fail in seconds, not the client's default of minutes, when HBase is not there.
    conf.setInt("hbase.client.retries.number", 5);
    conf.setInt("zookeeper.recovery.retry", 1);
    if (historyTtl == null) {
      // A reader serves what it read last while HBase is away: a call to an HBase that hangs must end in
      // seconds, so the reader can say its lists are stale, not wait the client's default of minutes.
      conf.setInt("hbase.rpc.timeout", 5_000);
      conf.setInt("hbase.client.operation.timeout", 15_000);
      conf.setInt("hbase.client.scanner.timeout.period", 15_000);
    }
    Connection connection = null;
    try {
      connection = ConnectionFactory.createConnection(conf);
      return new TopTagsTable(connection, historyTtl);
    } catch (IOException | RuntimeException e) {
      // A connection whose first use failed is closed here: a caller retrying every second must not leak one each time.
      closeQuietly(connection, e);
      throw new UncheckedIOException("cannot reach HBase at " + hbaseZk + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private static void createIfAbsent(Connection connection) throws IOException {
    try (Admin admin = connection.getAdmin()) {
      if (admin.tableExists(NAME)) {
        return;
      }
      try {
        admin.createTable(TableDescriptorBuilder.newBuilder(NAME)
            .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(FAMILY).setMaxVersions(1).build())
            .build());
      } catch (org.apache.hadoop.hbase.TableExistsException raced) {
        // Another stage created it between our check and our create: that is what we wanted.
      }
    }
  }

  /**
   * The row of a list: {@code top} and {@code top:<view>} for every source (the rows of the versions before
   * sources), {@code top@<source>} and {@code top:<view>@<source>} for one network's.
   */
  public static byte[] row(Ranking ranking) {
    String view = ranking.view() == View.ALL ? "top" : "top:" + ranking.view().id();
    return Bytes.toBytes(ranking.source() == Source.ALL ? view : view + "@" + ranking.source().id());
  }

  /** Writes {@code view}'s list of every source: {@link #write(Ranking, TopTags, String)}. */
  public void write(View view, TopTags top, String queryId) {
    write(Ranking.of(view), top, queryId);
  }

  /** Writes a whole list in one Put, noting {@code queryId} as its writer. */
  public void write(Ranking ranking, TopTags top, String queryId) {
    Put put = new Put(row(ranking))
        .addColumn(FAMILY, TAGS, toJson(top.tags()))
        .addColumn(FAMILY, UPDATED_AT, Bytes.toBytes(top.updatedAt().toString()))
        .addColumn(FAMILY, REJECTED, Bytes.toBytes(Long.toString(top.rejected())))
        .addColumn(FAMILY, QUERY, Bytes.toBytes(queryId));
    if (top.clock() != null) {
      put.addColumn(FAMILY, CLOCK, Bytes.toBytes(top.clock().toString()));
    }
    try {
      table.put(put);
      answered();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the top list to HBase: " + e.getMessage(), e);
    }
  }

  /** The all-time list of every source last written, read with one Get; empty before the stream's first write. */
  public Optional<TopTags> read() {
    return read(Ranking.of(View.ALL));
  }

  /** {@code view}'s list of every source: {@link #read(Ranking)}. */
  public Optional<TopTags> read(View view) {
    return read(Ranking.of(view));
  }

  /** A list last written, read with one Get; empty before the stream's first write. */
  public Optional<TopTags> read(Ranking ranking) {
    return get(ranking).map(TopTagsTable::topTags);
  }

  /**
   * {@code view}'s list if the query {@code queryId} wrote it: what a restarted query goes on from. A
   * list another query wrote (a new checkpoint, another test) is not this query's state.
   */
  public Optional<TopTags> readWrittenBy(Ranking ranking, String queryId) {
    return get(ranking)
        .filter(row -> queryId.equals(Bytes.toString(row.getValue(FAMILY, QUERY))))
        .map(TopTagsTable::topTags);
  }

  private Optional<Result> get(Ranking ranking) {
    try {
      Result row = table.get(new Get(row(ranking)).addFamily(FAMILY));
      answered();
      return row.isEmpty() ? Optional.empty() : Optional.of(row);
    } catch (TableNotFoundException e) {
      return Optional.empty(); // a reader before the stream job's first start
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the top list from HBase: " + e.getMessage(), e);
    }
  }

  private static TopTags topTags(Result row) {
    try {
      List<TagCount> tags = JSON.readValue(row.getValue(FAMILY, TAGS), TAG_LIST);
      Instant updatedAt = Instant.parse(Bytes.toString(row.getValue(FAMILY, UPDATED_AT)));
      byte[] clock = row.getValue(FAMILY, CLOCK);
      long rejected = Long.parseLong(Bytes.toString(row.getValue(FAMILY, REJECTED)));
      return new TopTags(updatedAt, clock == null ? null : Instant.parse(Bytes.toString(clock)), tags, rejected);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the top list from HBase: " + e.getMessage(), e);
    }
  }

  private static byte[] toJson(List<TagCount> tags) {
    try {
      return JSON.writeValueAsString(tags).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("TagCount is always serialisable", e);
    }
  }

  /**
   * When HBase last answered a call of this table or its history ({@link System#nanoTime()}), a slice of
   * a large write included: how a watchdog tells a call that is slow from one that is stuck. The client's
   * own timeouts do not bound a write: a {@code BufferedMutator} whose HBase vanished looks up each row's
   * region in turn, each lookup failing only after its retries (about 20 s), row after row.
   */
  public long answeredAtNanos() {
    return answeredAt;
  }

  private void answered() {
    answeredAt = System.nanoTime();
  }

  /** The minute buckets of every tag, on the same connection. */
  public TagHistoryTable history() {
    return history;
  }

  @Override
  public void close() {
    try {
      history.close();
      table.close();
      connection.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
