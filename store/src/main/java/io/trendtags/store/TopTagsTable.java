package io.trendtags.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
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
 * <p>Row layout: the whole current top list is ONE row, {@code top}, written by ONE Put:
 * <pre>
 *   row "top"   hashtag:tags        JSON [{"tag":"Java","count":1234}, ...]  highest first, up to 100
 *               hashtag:updated_at  ISO-8601 instant of the write
 *               hashtag:rejected    records set aside as not tweets (decimal)
 * </pre>
 * HBase makes a single-row Put atomic, so a reader's one Get never sees half of one batch and half of
 * another; and since the stream recomputes the list from its checkpointed counts, re-running a batch
 * after a crash writes the same tags again.
 */
public final class TopTagsTable implements AutoCloseable {

  public static final TableName NAME = TableName.valueOf("hashtags");
  public static final byte[] FAMILY = Bytes.toBytes("hashtag");
  public static final byte[] ROW = Bytes.toBytes("top");
  static final byte[] TAGS = Bytes.toBytes("tags");
  static final byte[] UPDATED_AT = Bytes.toBytes("updated_at");
  static final byte[] REJECTED = Bytes.toBytes("rejected");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<TagCount>> TAG_LIST = new TypeReference<>() {};

  private final Connection connection;
  private final Table table;

  private TopTagsTable(Connection connection) throws IOException {
    this.connection = connection;
    createIfAbsent(connection);
    this.table = connection.getTable(NAME);
  }

  /**
   * Connects to the HBase whose ZooKeeper quorum is {@code hbaseZk} ({@code host:port[,host:port...]})
   * and creates the table if it does not exist.
   */
  public static TopTagsTable connect(String hbaseZk) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", hbaseZk);
    // Fail in seconds, not the client's default of minutes, when HBase is not there.
    conf.setInt("hbase.client.retries.number", 5);
    conf.setInt("zookeeper.recovery.retry", 1);
    try {
      return new TopTagsTable(ConnectionFactory.createConnection(conf));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach HBase at " + hbaseZk + ": " + e.getMessage(), e);
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

  /** Writes the whole list in one Put of row {@code top}. */
  public void write(TopTags top) {
    Put put = new Put(ROW)
        .addColumn(FAMILY, TAGS, toJson(top.tags()))
        .addColumn(FAMILY, UPDATED_AT, Bytes.toBytes(top.updatedAt().toString()))
        .addColumn(FAMILY, REJECTED, Bytes.toBytes(Long.toString(top.rejected())));
    try {
      table.put(put);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the top list to HBase: " + e.getMessage(), e);
    }
  }

  /** The list last written, read with one Get; empty before the stream's first write. */
  public Optional<TopTags> read() {
    try {
      Result row = table.get(new Get(ROW).addFamily(FAMILY));
      if (row.isEmpty()) {
        return Optional.empty();
      }
      List<TagCount> tags = JSON.readValue(row.getValue(FAMILY, TAGS), TAG_LIST);
      Instant updatedAt = Instant.parse(Bytes.toString(row.getValue(FAMILY, UPDATED_AT)));
      long rejected = Long.parseLong(Bytes.toString(row.getValue(FAMILY, REJECTED)));
      return Optional.of(new TopTags(updatedAt, tags, rejected));
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

  @Override
  public void close() {
    try {
      table.close();
      connection.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
