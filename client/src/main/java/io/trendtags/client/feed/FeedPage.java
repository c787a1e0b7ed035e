package io.trendtags.client.feed;

import java.util.List;

/**
 * One page of a home timeline, newest first as the network sends it.
 *
 * @param items      the page's posts; empty at the timeline's end
 * @param nextCursor where the next (older) page starts, or null on the last page
 */
public record FeedPage(List<FeedItem> items, String nextCursor) {}
