package io.trendtags.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
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
 * The HBase table {@code hashtags_history}: one row per (minute, tag) with that minute's
 * {@link MinuteBucket}, kept for a time-to-live and then dropped by HBase itself.
 *
 * <pre>
 *   row  8-byte big-endian minute since the epoch, then the case-folded tag (UTF-8)
 *        m:c  count (8-byte long)     m:a  authors sketch (bytes)     m:s  casing (UTF-8)
 * </pre>
 * Minute-major keys make "every bucket since T" one range scan: what the stream reads back on restart
 * to rebuild its windows. Writes are Puts of absolute values, so a batch re-run after a crash writes
 * the same cells again.
 */
public final class TagHistoryTable {

  public static final TableName NAME = TableName.valueOf("hashtags_history");
  static final byte[] FAMILY = Bytes.toBytes("m");
  private static final byte[] COUNT = Bytes.toBytes("c");
  private static final byte[] AUTHORS = Bytes.toBytes("a");
  private static final byte[] CASING = Bytes.toBytes("s");

  private final Table table;

  TagHistoryTable(Connection connection, Duration ttl) throws IOException {
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
    this.table = connection.getTable(NAME);
  }

  /** Writes {@code buckets}, replacing what the same (minute, tag) held. */
  public void write(List<MinuteBucket> buckets) {
    List<Put> puts = new ArrayList<>(buckets.size());
    for (MinuteBucket b : buckets) {
      puts.add(new Put(row(b.minute(), b.key()))
          .addColumn(FAMILY, COUNT, Bytes.toBytes(b.count()))
          .addColumn(FAMILY, AUTHORS, b.authors())
          .addColumn(FAMILY, CASING, Bytes.toBytes(b.casing())));
    }
    try {
      table.put(puts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tag history to HBase: " + e.getMessage(), e);
    }
  }

  /** Every bucket from minute {@code fromMinute} on, oldest first. */
  public List<MinuteBucket> since(long fromMinute) {
    List<MinuteBucket> buckets = new ArrayList<>();
    try (ResultScanner scanner = table.getScanner(new Scan().withStartRow(Bytes.toBytes(fromMinute)).addFamily(FAMILY))) {
      for (Result r : scanner) {
        byte[] row = r.getRow();
        long minute = Bytes.toLong(row, 0);
        String key = new String(row, Long.BYTES, row.length - Long.BYTES, StandardCharsets.UTF_8);
        buckets.add(new MinuteBucket(key, minute, Bytes.toString(r.getValue(FAMILY, CASING)),
            Bytes.toLong(r.getValue(FAMILY, COUNT)), r.getValue(FAMILY, AUTHORS)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tag history from HBase: " + e.getMessage(), e);
    }
    return buckets;
  }

  static byte[] row(long minute, String key) {
    byte[] tag = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Long.BYTES + tag.length).putLong(minute).put(tag).array();
  }

  void close() throws IOException {
    table.close();
  }
}
