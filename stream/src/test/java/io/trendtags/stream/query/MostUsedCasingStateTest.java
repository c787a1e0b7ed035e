package io.trendtags.stream.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udaf;
import static org.assertj.core.api.Assertions.assertThat;

import io.trendtags.stream.LocalSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The casing votes in a query's state, across the change of their bean from arrays to lists: a checkpoint
 * written by the job before it goes on with the votes it held, in the job's own execution settings (Spark's
 * interpreted decoders, which refused the arrays).
 */
class MostUsedCasingStateTest {

  private static final StructType USES = new StructType().add("key", DataTypes.StringType).add("casing", DataTypes.StringType);

  private static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("MostUsedCasingStateTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void aCheckpointWrittenWithTheArrayBeanGoesOnWithItsVotes() {
    StreamingRun run = new StreamingRun(spark, USES);
    String jobs = spark.conf().get(FACTORY_MODE);
    assertThat(jobs).as("the job's setting").isEqualTo("NO_CODEGEN");

    spark.conf().set(FACTORY_MODE, "FALLBACK"); // the job before: generated code, which took the arrays
    List<Row> before = run.batch(uses("Java", "Java", "Java", "java"), casing(new ArrayVotesCasing()));
    spark.conf().set(FACTORY_MODE, jobs);
    List<Row> after = run.batch(uses("java", "java"), casing(new MostUsedCasing()));

    assertThat(before).extracting(r -> r.getString(1)).containsExactly("Java");
    // Java 3, java 3: the tie goes to "Java". Had the old votes been lost, "java" (2 against none) would win.
    assertThat(after).extracting(r -> r.getString(1)).containsExactly("Java");
    assertThat(run.batch(uses("java"), casing(new MostUsedCasing()))).extracting(r -> r.getString(1))
        .containsExactly("java");
  }

  private static List<Row> uses(String... casings) {
    List<Row> rows = new ArrayList<>();
    for (String casing : casings) {
      rows.add(RowFactory.create("java", casing));
    }
    return rows;
  }

  private static Function<Dataset<Row>, Dataset<Row>> casing(Aggregator<String, ?, String> votes) {
    return uses -> uses.groupBy(col("key"))
        .agg(udaf(votes, Encoders.STRING()).apply(col("casing")).as("casing"))
        .select(col("key"), col("casing"));
  }

  /** {@code CasingVotes} as the job stored it before: bean accessors of the arrays themselves. */
  public static final class ArrayVotes {
    private String[] casings = new String[0];
    private long[] counts = new long[0];

    public String[] getCasings() {
      return casings;
    }

    public void setCasings(String[] casings) {
      this.casings = casings;
    }

    public long[] getCounts() {
      return counts;
    }

    public void setCounts(long[] counts) {
      this.counts = counts;
    }
  }

  /** The aggregate with the array bean, as the job ran it; exact counts, enough for a few casings. */
  static final class ArrayVotesCasing extends Aggregator<String, ArrayVotes, String> {
    @Override
    public ArrayVotes zero() {
      return new ArrayVotes();
    }

    @Override
    public ArrayVotes reduce(ArrayVotes votes, String casing) {
      int at = Arrays.asList(votes.casings).indexOf(casing);
      if (at < 0) {
        votes.casings = Arrays.copyOf(votes.casings, votes.casings.length + 1);
        votes.counts = Arrays.copyOf(votes.counts, votes.counts.length + 1);
        at = votes.casings.length - 1;
        votes.casings[at] = casing;
      }
      votes.counts[at]++;
      return votes;
    }

    @Override
    public ArrayVotes merge(ArrayVotes a, ArrayVotes b) {
      for (int i = 0; i < b.casings.length; i++) {
        for (long n = 0; n < b.counts[i]; n++) {
          reduce(a, b.casings[i]);
        }
      }
      return a;
    }

    @Override
    public String finish(ArrayVotes votes) {
      int best = 0;
      for (int i = 1; i < votes.casings.length; i++) {
        if (votes.counts[i] > votes.counts[best]) {
          best = i;
        }
      }
      return votes.casings.length == 0 ? null : votes.casings[best];
    }

    @Override
    public Encoder<ArrayVotes> bufferEncoder() {
      return Encoders.bean(ArrayVotes.class);
    }

    @Override
    public Encoder<String> outputEncoder() {
      return Encoders.STRING();
    }
  }
}
