package io.trendtags.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.TopTags;
import io.trendtags.web.source.LatestTopTags;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of each ranking's current list ({@link TopTagsJson}), written once per list, staleness and
 * {@code n}, for {@code /api/top} and the stream alike. Under load every request asks for the same few
 * bodies, and writing each with Jackson was an eighth of the web app's CPU (JFR under {@code wrk}); each
 * is encoded to UTF-8 once too, where encoding it per request was a twelfth of the app's allocations.
 *
 * <p>A body is kept until its ranking's cache holds another value (each read of HBase gives one, so a
 * body lives at most a {@code --refresh}) or turns stale or fresh. Bounded: one entry per ranking, each with
 * at most {@link TopTagsEndpoint#MAX_N} bodies.
 */
public final class TopTagsBodies {

  private final ObjectMapper json = new ObjectMapper();
  private final Map<Ranking, Written> byRanking = new ConcurrentHashMap<>();

  /** One body: the text an SSE event carries, and the bytes {@code /api/top} answers with. */
  record Body(String text, byte[] utf8) {
    static Body of(String text) {
      return new Body(text, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The bodies of one value of a ranking, by {@code n}. */
  private record Written(Optional<TopTags> top, boolean stale, Map<Integer, Body> byN) {}

  /** The body of the first {@code n} tags of {@code ranking} as {@code latest} holds it now. */
  Body current(Ranking ranking, LatestTopTags latest, int n) {
    return of(ranking, latest.get(), latest.stale(), n);
  }

  /** The body of the first {@code n} tags of {@code top}, the value {@code ranking}'s cache holds. */
  Body of(Ranking ranking, Optional<TopTags> top, boolean stale, int n) {
    Written written = byRanking.get(ranking);
    // Identity, not equals: the cache hands out the same object until its next read, and comparing two
    // lists of 100 tags per request would cost much of what the cache saves.
    if (written == null || written.top() != top || written.stale() != stale) {
      written = new Written(top, stale, new ConcurrentHashMap<>());
      byRanking.put(ranking, written);
    }
    return written.byN().computeIfAbsent(n, k -> Body.of(write(TopTagsJson.of(ranking, top, k, stale))));
  }

  private String write(TopTagsJson body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the top hashtags as JSON", e);
    }
  }
}
