package io.trendtags.client.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of the home timeline, newest first as X sends it.
 *
 * @param tweets    the Tweet objects as X sent them; empty when the response had no {@code data}
 * @param nextToken {@code meta.next_token} (older tweets follow), or null on the last page
 */
public record TimelinePage(List<JsonNode> tweets, String nextToken) {}
