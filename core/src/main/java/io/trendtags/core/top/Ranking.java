package io.trendtags.core.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One top list the job writes and the web shows: a {@link View} of a {@link Source}'s posts ("the last
 * hour of Mastodon"). Each is one row of the table.
 */
public record Ranking(View view, Source source) {

  public Ranking {
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(source, "source");
  }

  /** {@code view} of every source. */
  public static Ranking of(View view) {
    return new Ranking(view, Source.ALL);
  }

  /** Every view of every source. */
  public static List<Ranking> values() {
    List<Ranking> all = new ArrayList<>();
    for (Source source : Source.values()) {
      for (View view : View.values()) {
        all.add(new Ranking(view, source));
      }
    }
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return view.id() + "@" + source.id();
  }
}
