package io.trendtags.web.api;

import io.javalin.http.ContentType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trendtags.core.top.Ranking;
import io.trendtags.core.top.Source;
import io.trendtags.core.top.View;
import io.trendtags.web.embed.EmbedPolicy;
import io.trendtags.web.ops.RequestCounts;
import io.trendtags.web.source.LatestTopTags;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /api/top} answered by Jetty itself, in front of Javalin: the same body and headers
 * {@link TopTagsEndpoint} gives, without the servlet layers and Javalin's steps around it. Under {@code wrk}
 * in the demo, the servlet, session, compression and routing layers were most of the web app's CPU for an
 * answer that is one cached array of bytes (docs/BENCHMARKS.md).
 *
 * <p>It answers only the plain request: a GET of this path whose query has nothing but one {@code n},
 * {@code view} and {@code source} each, all valid, and whose body is under Javalin's size for compression.
 * Everything else goes on to Javalin, which answers as it always has: errors, a browser's cross-origin
 * request (which needs the CORS headers), a body Javalin would compress. {@code TopTagsApiTest} holds the
 * two paths' answers to the same request equal, headers and body.
 */
public final class TopTagsFastPath extends Handler.Wrapper {

  private static final Set<String> PARAMETERS = Set.of("n", "view", "source");
  // The headers every answer of the API carries (WebApp: the global headers, the page's policy, no caching).
  private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, ContentType.JSON);
  private static final HttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");
  private static final HttpField CSP = new PreEncodedHttpField("Content-Security-Policy", EmbedPolicy.PAGE_CSP);
  private static final HttpField NO_SNIFF = new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
  private static final HttpField NO_REFERRER = new PreEncodedHttpField("Referrer-Policy", "no-referrer");

  private final Map<Ranking, LatestTopTags> latest;
  private final TopTagsBodies bodies;
  private final RequestCounts counts;
  private final Counter answered;
  private final int compressFrom;

  /**
   * {@code counts} takes each answer as Javalin's after-handler would; {@code registry} gets
   * {@code trendtags.web.requests.fast}, how many of them this path gave. {@code compressFrom}: the body size
   * from which Javalin compresses; larger bodies go to Javalin.
   */
  public TopTagsFastPath(Map<Ranking, LatestTopTags> latest, TopTagsBodies bodies, RequestCounts counts,
      MeterRegistry registry, int compressFrom) {
    this.latest = latest;
    this.bodies = bodies;
    this.counts = counts;
    this.answered = Counter.builder("trendtags.web.requests.fast")
        .description("Requests to /api/top answered by Jetty before Javalin (also in trendtags.web.requests)")
        .register(registry);
    this.compressFrom = compressFrom;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    byte[] body = plainRequest(request) ? body(Request.extractQueryParameters(request)) : null;
    if (body == null) {
      return super.handle(request, response, callback);
    }
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().add(JSON).add(NO_STORE).add(CSP).add(NO_SNIFF).add(NO_REFERRER)
        .put(HttpHeader.CONTENT_LENGTH, body.length);
    counts.count(TopTagsEndpoint.PATH, HttpStatus.OK_200);
    answered.increment();
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private static boolean plainRequest(Request request) {
    return HttpMethod.GET.is(request.getMethod())
        && TopTagsEndpoint.PATH.equals(request.getHttpURI().getPath())
        && !request.getHeaders().contains(HttpHeader.ORIGIN);
  }

  /** The answer's bytes, or null where Javalin should answer. */
  private byte[] body(Fields query) {
    for (Fields.Field field : query) {
      if (!PARAMETERS.contains(field.getName()) || field.getValues().size() != 1) {
        return null;
      }
    }
    Integer n = TopTagsEndpoint.parseN(query.getValue("n"));
    Optional<View> view = TopTagsEndpoint.parseView(query.getValue("view"));
    Optional<Source> source = TopTagsEndpoint.parseSource(query.getValue("source"));
    if (n == null || view.isEmpty() || source.isEmpty()) {
      return null;
    }
    Ranking ranking = new Ranking(view.get(), source.get());
    byte[] body = bodies.current(ranking, latest.get(ranking), n).utf8();
    return body.length < compressFrom ? body : null;
  }
}
