package io.trendtags.core.top;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How often each casing of one tag was written ({@code Java}, {@code java}, {@code JAVA}), to show the
 * tag in the casing used most (ties: the casing that sorts first, so the result depends on the counts,
 * never on arrival order).
 *
 * <p>Bounded: at most {@link #LIMIT} casings are kept, because every casing of a long tag is a
 * different string and a hostile client could send millions. Past the limit, a new casing takes the
 * place of the least used one with that one's count plus its own (Space-Saving), so a casing that is
 * really used most still wins; below the limit the counts are exact. Mutable, as Spark's aggregation
 * buffers are.
 *
 * <p>Two parallel arrays with bean accessors rather than a map: Spark stores this as an aggregation
 * buffer in every state row of a tag, and a bean encoder writes arrays in Spark's own row format,
 * where Java serialization of a map was a fifth of the long-run benchmark's executor time. The accessors
 * take lists, not the arrays themselves: Spark's interpreted decoder (the job runs without per-task code
 * generation) hands a setter an {@code Object[]}, which a {@code String[]} parameter refuses. A list is
 * stored as the same {@code array<string>} and {@code array<bigint>}, so state written before reads alike.
 */
public final class CasingVotes implements Serializable {

  public static final int LIMIT = 8;

  private String[] casings = new String[0];
  private long[] counts = new long[0];

  /** Counts {@code n} uses of {@code casing}. */
  public CasingVotes add(String casing, long n) {
    for (int i = 0; i < casings.length; i++) {
      if (casings[i].equals(casing)) {
        counts[i] += n;
        return this;
      }
    }
    if (casings.length < LIMIT) {
      casings = Arrays.copyOf(casings, casings.length + 1);
      counts = Arrays.copyOf(counts, counts.length + 1);
      casings[casings.length - 1] = casing;
      counts[counts.length - 1] = n;
      return this;
    }
    int least = 0;
    for (int i = 1; i < casings.length; i++) {
      if (counts[i] < counts[least] || (counts[i] == counts[least] && casings[i].compareTo(casings[least]) > 0)) {
        least = i;
      }
    }
    casings[least] = casing;
    counts[least] += n;
    return this;
  }

  /** Adds every vote of {@code other}. */
  public CasingVotes addAll(CasingVotes other) {
    for (int i = 0; i < other.casings.length; i++) {
      add(other.casings[i], other.counts[i]);
    }
    return this;
  }

  /** The casing used most; null when there were no votes. */
  public String mostUsed() {
    String best = null;
    long bestCount = -1;
    for (int i = 0; i < casings.length; i++) {
      if (counts[i] > bestCount || (counts[i] == bestCount && casings[i].compareTo(best) < 0)) {
        best = casings[i];
        bestCount = counts[i];
      }
    }
    return best;
  }

  /** The casings kept, for Spark's bean encoder; parallel to {@link #getCounts()}. */
  public List<String> getCasings() {
    return Arrays.asList(casings);
  }

  public void setCasings(List<String> casings) {
    this.casings = casings.toArray(new String[0]);
  }

  /** The votes of each casing kept, for Spark's bean encoder. */
  public List<Long> getCounts() {
    return Arrays.stream(counts).boxed().toList();
  }

  public void setCounts(List<Long> counts) {
    this.counts = counts.stream().mapToLong(Long::longValue).toArray();
  }
}
