package io.trendtags.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TagCount;
import io.trendtags.core.top.TopTags;
import io.trendtags.core.top.View;
import io.trendtags.store.TopTagsTable;
import io.trendtags.testsupport.HBaseServer;
import io.trendtags.testsupport.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 records that are not countable tweets mixed into 2,000 that are, through the real pipeline:
 * not JSON, cut short, wrong types, no id, binary, no value, two of about 1 MB, and tweets whose tag in
 * {@code entities} is empty, a control character, markup or 10,000 characters long. Each is set aside and
 * counted once as rejected, the job never stops, the valid counts are exact, and the top-list row in HBase
 * stays small.
 */
class PoisonIT {

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();
  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  private static final int GOOD = 2_000;
  private static final int BAD = 10_000;
  /** The most a top-list row may hold: 100 tags of at most 1,000 chars, as UTF-8, with their numbers. */
  private static final int ROW_LIMIT = 100 * (4 * 1000 + 100);

  private final TruthTimeline truth = new TruthTimeline(20261205L, 1_884_000_000_000_000_000L);
  private StreamPipeline pipeline;

  @AfterEach
  void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void everyBadRecordIsSetAsideAndCountedOnceAndTheValidCountsAreExact() throws Exception {
    pipeline = StreamPipeline.start(KAFKA, HBASE, "poison-it");
    int bad = 0;
    for (int i = 0; i < GOOD; i++) {
      pipeline.send(null, truth.tweet().getBytes(StandardCharsets.UTF_8));
      for (int j = 0; j < BAD / GOOD; j++, bad++) {
        pipeline.send(null, bad == 3_000 ? truth.largePoison(1_000_000, true)
            : bad == 7_000 ? truth.largePoison(1_000_000, false) : truth.poison());
      }
    }
    pipeline.flush();
    assertThat(truth.expectedRejected()).isEqualTo(BAD);

    TopTagsTable table = pipeline.table();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      TopTags all = table.read(View.ALL).orElseThrow();
      Map<String, Long> counted = new HashMap<>();
      all.tags().forEach(t -> counted.put(t.tag().toLowerCase(Locale.ROOT), t.count()));
      assertThat(counted).isEqualTo(truth.expectedCounts());
      assertThat(all.rejected()).isEqualTo(BAD);
    });
    assertThat(table.read(View.ALL).orElseThrow().tags()).extracting(TagCount::tag)
        .allSatisfy(tag -> assertThat(tag).hasSizeLessThan(20));
    assertThat(pipeline.streamAlive()).as("the job never stopped").isTrue();
    assertThat(rowBytes(TopTagsTable.row(Ranking.of(View.ALL)))).as("the all-time row's bytes").isLessThan(ROW_LIMIT);
  }

  private static long rowBytes(byte[] row) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", HBASE.zkHost());
    conf.setInt("hbase.zookeeper.property.clientPort", HBASE.zkPort());
    try (Connection connection = ConnectionFactory.createConnection(conf);
         Table table = connection.getTable(TopTagsTable.NAME)) {
      Result result = table.get(new Get(row));
      long bytes = 0;
      for (Cell cell : result.rawCells()) {
        bytes += cell.getValueLength();
      }
      assertThat(bytes).as("the row exists").isPositive();
      return bytes;
    }
  }
}
