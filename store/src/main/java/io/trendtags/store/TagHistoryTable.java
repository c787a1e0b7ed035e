package io.trendtags.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The HBase table {@code hashtags_history}: each tag's {@link MinuteBucket}s, kept for a time-to-live and
 * then dropped by HBase itself. Each bucket is written under two row keys, one per way it is read:
 *
 * <pre>
 *   0x00, minute (8-byte big-endian, since the epoch), tag (UTF-8)           by time: "every bucket since T"
 *   0x01, tag length (2 bytes), tag (UTF-8), minute (8-byte big-endian)     by tag: "one tag's history"
 *        m:c  count (8-byte long)     m:a  authors sketch (bytes, by-time rows only)     m:s  casing (UTF-8)
 * </pre>
 * The first is what the stream reads back on restart to rebuild its windows, the second what the web
 * app's history API and sparklines read: both are single range scans. The tag is the case-folded key.
 * Writes are Puts of absolute values, so a batch re-run after a crash writes the same cells again.
 */
public final class TagHistoryTable {

  public static final TableName NAME = TableName.valueOf("hashtags_history");
  static final byte[] FAMILY = Bytes.toBytes("m");
  private static final byte[] COUNT = Bytes.toBytes("c");
  private static final byte[] AUTHORS = Bytes.toBytes("a");
  private static final byte[] CASING = Bytes.toBytes("s");

  /** Puts handed to the mutator at once: a few hundred KB, well under its write buffer. */
  private static final int MUTATE_SLICE = 1_000;

  private final Connection connection;
  private final Table table;
  private final Runnable answered;

  /**
   * {@code ttl} null: for reading, creating nothing. {@code answered} is told each time HBase answers a
   * part of a call (see {@link TopTagsTable#answeredAtNanos()}).
   */
  TagHistoryTable(Connection connection, Duration ttl, Runnable answered) throws IOException {
    this.connection = connection;
    this.answered = answered;
    if (ttl != null) {
      createIfAbsent(connection, ttl);
    }
    this.table = connection.getTable(NAME);
  }

  private static void createIfAbsent(Connection connection, Duration ttl) throws IOException {
    try (Admin admin = connection.getAdmin()) {
      if (!admin.tableExists(NAME)) {
        try {
          admin.createTable(TableDescriptorBuilder.newBuilder(NAME)
              .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(FAMILY).setMaxVersions(1)
                  .setTimeToLive((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds())).build())
              .build());
        } catch (org.apache.hadoop.hbase.TableExistsException raced) {
          // Another stage created it first.
        }
      }
    }
  }

  /** Writes {@code buckets}, replacing what the same (minute, tag) held. */
  public void write(List<MinuteBucket> buckets) {
    List<Put> puts = new ArrayList<>(2 * buckets.size());
    for (MinuteBucket b : buckets) {
      puts.add(new Put(byTime(b.minute(), b.key()))
          .addColumn(FAMILY, COUNT, Bytes.toBytes(b.count()))
          .addColumn(FAMILY, AUTHORS, b.authors())
          .addColumn(FAMILY, CASING, Bytes.toBytes(b.casing())));
      puts.add(new Put(byTag(b.key(), b.minute()))
          .addColumn(FAMILY, COUNT, Bytes.toBytes(b.count()))
          .addColumn(FAMILY, CASING, Bytes.toBytes(b.casing())));
    }
    // A BufferedMutator sends them in requests of its write buffer's size (2 MB): one batch of a backlog can
    // change hundreds of thousands of buckets, and one request that large runs a region server out of memory.
    // It is handed the puts a slice at a time because each of its flushes walks its whole queue: given all
    // of a backlog's batch at once, that walk was a third of the long-run benchmark's time.
    try (BufferedMutator mutator = connection.getBufferedMutator(NAME)) {
      for (int from = 0; from < puts.size(); from += MUTATE_SLICE) {
        mutator.mutate(puts.subList(from, Math.min(puts.size(), from + MUTATE_SLICE)));
        answered.run();
      }
      mutator.flush();
      answered.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tag history to HBase: " + e.getMessage(), e);
    }
  }

  /** Every bucket from minute {@code fromMinute} on, oldest first. */
  public List<MinuteBucket> since(long fromMinute) {
    List<MinuteBucket> buckets = new ArrayList<>();
    Scan scan = new Scan().withStartRow(byTime(fromMinute, "")).withStopRow(new byte[] {BY_TAG}).addFamily(FAMILY);
    try (ResultScanner scanner = table.getScanner(scan)) {
      for (Result r : scanner) {
        answered.run();
        byte[] row = r.getRow();
        long minute = Bytes.toLong(row, 1);
        String key = new String(row, 1 + Long.BYTES, row.length - 1 - Long.BYTES, StandardCharsets.UTF_8);
        buckets.add(new MinuteBucket(key, minute, Bytes.toString(r.getValue(FAMILY, CASING)),
            Bytes.toLong(r.getValue(FAMILY, COUNT)), r.getValue(FAMILY, AUTHORS)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tag history from HBase: " + e.getMessage(), e);
    }
    return buckets;
  }

  /** Tweets per minute of case-folded {@code key}, minutes {@code from} to {@code to} included; minutes without any are absent. */
  public NavigableMap<Long, Long> countsOf(String key, long from, long to) {
    NavigableMap<Long, Long> counts = new TreeMap<>();
    Scan scan = new Scan().withStartRow(byTag(key, from)).withStopRow(byTag(key, to), true)
        .addColumn(FAMILY, COUNT);
    try (ResultScanner scanner = table.getScanner(scan)) {
      for (Result r : scanner) {
        answered.run();
        byte[] row = r.getRow();
        counts.put(Bytes.toLong(row, row.length - Long.BYTES), Bytes.toLong(r.getValue(FAMILY, COUNT)));
      }
    } catch (org.apache.hadoop.hbase.TableNotFoundException e) {
      return counts; // a reader before the stream job's first start
    } catch (UncheckedIOException e) {
      // The scanner's iterator wraps what the first fetch met.
      if (e.getCause() instanceof org.apache.hadoop.hbase.TableNotFoundException) {
        return counts;
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tag history from HBase: " + e.getMessage(), e);
    }
    return counts;
  }

  private static final byte BY_TIME = 0;
  private static final byte BY_TAG = 1;

  static byte[] byTime(long minute, String key) {
    byte[] tag = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + Long.BYTES + tag.length).put(BY_TIME).putLong(minute).put(tag).array();
  }

  static byte[] byTag(String key, long minute) {
    byte[] tag = key.getBytes(StandardCharsets.UTF_8);
    if (tag.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("a tag of " + tag.length + " bytes is too long for the history");
    }
    return ByteBuffer.allocate(1 + Short.BYTES + tag.length + Long.BYTES)
        .put(BY_TAG).putShort((short) tag.length).put(tag).putLong(minute).array();
  }

  void close() throws IOException {
    table.close();
  }
}
