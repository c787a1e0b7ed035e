package io.trendtags.web.source;

import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network whose posts feed the pipeline, and the time of its newest post: what {@code GET /api/sources}
 * answers and the dashboard's sources line shows.
 *
 * @param newest the clock of the network's all-time list (the newest of its posts); null if the row has none
 */
public record FeedingSource(Source source, Instant newest) {

  /**
   * The networks whose all-time list in {@code latest} exists and has tags, in {@link Source#values()}'s
   * order: taken from the lists already read, so asking costs HBase nothing. A network nobody follows has
   * no row, and is left out rather than shown empty.
   */
  public static List<FeedingSource> in(Map<Ranking, LatestTopTags> latest) {
    List<FeedingSource> feeding = new ArrayList<>();
    for (Source source : Source.values()) {
      LatestTopTags allTime = latest.get(new Ranking(View.ALL, source));
      if (source.network().isEmpty() || allTime == null) {
        continue;
      }
      allTime.get().filter(top -> !top.tags().isEmpty())
          .ifPresent(top -> feeding.add(new FeedingSource(source, top.clock())));
    }
    return feeding;
  }
}
