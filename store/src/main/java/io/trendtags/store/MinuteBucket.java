package io.trendtags.store;

/**
 * One tag's uses in one minute of event time: the unit the window views and sparklines are made of.
 *
 * @param key     the case-folded tag
 * @param minute  the minute's start, in minutes since the epoch (UTC)
 * @param casing  the casing used most in that minute
 * @param count   tweets that used the tag in that minute
 * @param authors a serialized HyperLogLog sketch (Apache DataSketches) of their {@code author_id}s,
 *                so minutes can be merged into the distinct authors of any window
 */
public record MinuteBucket(String key, long minute, String casing, long count, byte[] authors) {}
