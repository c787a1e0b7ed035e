package io.trendtags.core.top;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

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
 */
public final class CasingVotes implements Serializable {

  public static final int LIMIT = 8;

  private final HashMap<String, Long> votes = new HashMap<>();

  /** Counts {@code n} uses of {@code casing}. */
  public CasingVotes add(String casing, long n) {
    Long had = votes.get(casing);
    if (had != null || votes.size() < LIMIT) {
      votes.merge(casing, n, Long::sum);
      return this;
    }
    String least = null;
    for (Map.Entry<String, Long> e : votes.entrySet()) {
      if (least == null || e.getValue() < votes.get(least)
          || (e.getValue().equals(votes.get(least)) && e.getKey().compareTo(least) > 0)) {
        least = e.getKey();
      }
    }
    long inherited = votes.remove(least);
    votes.put(casing, inherited + n);
    return this;
  }

  /** Adds every vote of {@code other}. */
  public CasingVotes addAll(CasingVotes other) {
    other.votes.forEach(this::add);
    return this;
  }

  /** The casing used most; null when there were no votes. */
  public String mostUsed() {
    String best = null;
    long bestCount = -1;
    for (Map.Entry<String, Long> e : votes.entrySet()) {
      long c = e.getValue();
      if (c > bestCount || (c == bestCount && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = c;
      }
    }
    return best;
  }
}
