package io.trendtags.stream.query;

import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.hashtag.HashtagKey;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.Tweet;
import io.trendtags.core.tweet.TweetParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Kafka record ({@code value, partition, offset}) to the hashtag uses of its tweet: one {@link TagUse}
 * per distinct case-folded tag, in the casing the tweet wrote first; a record that is not a tweet
 * gives one rejected row. Plain Java (no Spark SQL expressions) because one pass of Jackson and
 * twitter-text per record is the cheapest way through a backlog.
 */
final class TagUses implements FlatMapFunction<Row, TagUse> {

  @Override
  public Iterator<TagUse> call(Row record) {
    byte[] value = record.getAs(0);
    Tweet tweet;
    try {
      tweet = TweetParser.parse(value);
    } catch (MalformedTweetException e) {
      return List.of(TagUse.rejected(record.getInt(1), record.getLong(2))).iterator();
    }
    List<String> tags = HashtagExtractor.hashtags(tweet);
    if (tags.isEmpty()) {
      return Collections.emptyIterator();
    }
    // A tweet counts once per tag however often it repeats it: "#java ... #Java" is one use of java.
    Set<String> seen = new HashSet<>();
    List<TagUse> uses = new ArrayList<>(tags.size());
    for (String tag : tags) {
      String key = HashtagKey.fold(tag);
      if (seen.add(key)) {
        uses.add(new TagUse(tweet.id(), key, tag));
      }
    }
    return uses.iterator();
  }
}
