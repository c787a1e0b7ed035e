package io.trendtags.stream.query;

import io.trendtags.core.top.CasingVotes;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Spark aggregate of a tag's casings to the one used most ({@link CasingVotes}: bounded, so a flood of
 * casings cannot grow a tag's state). Use through {@code functions.udaf(new MostUsedCasing(), Encoders.STRING())}.
 */
final class MostUsedCasing extends Aggregator<String, CasingVotes, String> {

  @Override
  public CasingVotes zero() {
    return new CasingVotes();
  }

  @Override
  public CasingVotes reduce(CasingVotes votes, String casing) {
    return casing == null ? votes : votes.add(casing, 1);
  }

  @Override
  public CasingVotes merge(CasingVotes a, CasingVotes b) {
    return a.addAll(b);
  }

  @Override
  public String finish(CasingVotes votes) {
    return votes.mostUsed();
  }

  @Override
  public Encoder<CasingVotes> bufferEncoder() {
    return Encoders.bean(CasingVotes.class);
  }

  @Override
  public Encoder<String> outputEncoder() {
    return Encoders.STRING();
  }
}
