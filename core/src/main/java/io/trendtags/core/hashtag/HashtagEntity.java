package io.trendtags.core.hashtag;

/**
 * One hashtag found in a text, as X writes it in {@code entities.hashtags}.
 *
 * @param tag   the hashtag without its '#', in its original casing
 * @param start index of the '#' in Unicode code points (inclusive)
 * @param end   index just after the tag in Unicode code points (exclusive)
 */
public record HashtagEntity(String tag, int start, int end) {}
