package io.trendtags.stream.query;

import static org.apache.spark.sql.functions.col;

import io.trendtags.core.hashtag.HashtagExtractor;
import io.trendtags.core.hashtag.HashtagKey;
import io.trendtags.core.post.Post;
import io.trendtags.core.post.PostParser;
import io.trendtags.core.top.Source;
import io.trendtags.core.tweet.MalformedTweetException;
import io.trendtags.core.tweet.Tweet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Kafka record ({@code value, partition, offset, timestamp}) to the hashtag uses of its post: one
 * {@link TagUse} per distinct case-folded tag, in the casing the post wrote first, at the post's
 * {@code created_at}; a record that is no post gives one rejected row, and so does one that names a
 * tag its network would not ({@link Post#isValidTag}) or one longer than {@link #MAX_TAG_CHARS} (the tag is
 * dropped, the post's valid tags count).
 *
 * <p>A record is an X Tweet, a Mastodon Status or a Bluesky feed item, told apart by {@link PostParser};
 * the use's {@code id} and {@code author} are {@link Post#key()} and {@link Post#authorKey()}, which name the
 * network, so duplicates are dropped per (network, id) and two networks' equal ids never collide; its
 * {@code source} is the network's id, which {@link SourcedKeys} adds to the key after deduplication.
 *
 * <p>Event time is {@code created_at}, but never later than the record's Kafka timestamp (and that
 * timestamp when the tweet has none): a tweet cannot be written before it was created, and one bad
 * {@code created_at} far in the future would otherwise move the stream's clock and make every later
 * tweet look late. Plain Java (no Spark SQL expressions) because one pass of Jackson and
 * twitter-text per record is the cheapest way through a backlog.
 */
public final class TagUses implements FlatMapFunction<Row, TagUse> {

  /** Column names of {@link TagUse}. */
  public static final String ID = "id";
  public static final String KEY = "key";
  public static final String CASING = "casing";
  public static final String AUTHOR = "author";
  public static final String SOURCE = "source";
  public static final String EVENT_TIME = "eventTime";
  public static final String INGEST_TIME = "ingestTime";

  /**
   * The longest tag counted, in chars: far past any real hashtag (a post has 280 characters, a long one
   * 25,000), short enough for every row key it becomes. A longer tag is dropped and its record counted as
   * rejected.
   */
  public static final int MAX_TAG_CHARS = 1000;

  /**
   * The uses of every record.
   *
   * @param kafkaRecords rows with at least Kafka's {@code value} (binary), {@code partition},
   *                     {@code offset} and {@code timestamp}
   */
  public static Dataset<TagUse> of(Dataset<Row> kafkaRecords) {
    return kafkaRecords
        .select(col("value"), col("partition"), col("offset"), col("timestamp"))
        .flatMap(new TagUses(), Encoders.bean(TagUse.class));
  }

  @Override
  public Iterator<TagUse> call(Row record) {
    byte[] value = record.getAs(0);
    Timestamp kafkaTime = record.getTimestamp(3);
    Post post;
    try {
      post = PostParser.parse(value);
    } catch (MalformedTweetException e) {
      return List.of(TagUse.rejected(record.getInt(1), record.getLong(2), kafkaTime)).iterator();
    }
    Tweet tweet = post.content();
    List<String> tags = HashtagExtractor.hashtags(tweet);
    if (tags.isEmpty()) {
      return Collections.emptyIterator();
    }
    boolean fromClient = tweet.noteEntityTags() != null || tweet.entityTags() != null;
    Timestamp eventTime = tweet.createdAt() == null || tweet.createdAt().isAfter(kafkaTime.toInstant())
        ? kafkaTime : Timestamp.from(tweet.createdAt());
    // A tweet counts once per tag however often it repeats it: "#java ... #Java" is one use of java.
    Set<String> seen = new HashSet<>();
    String id = post.key();
    String author = post.authorKey();
    String network = post.network().id();
    List<TagUse> uses = new ArrayList<>(tags.size());
    boolean setAside = false;
    for (String tag : tags) {
      if (tag.length() > MAX_TAG_CHARS || (fromClient && !post.isValidTag(tag))) {
        setAside = true; // the tag is dropped; its tweet's other tags still count
        continue;
      }
      String key = HashtagKey.fold(tag);
      if (key.contains(Source.SEPARATOR)) {
        setAside = true; // a Bluesky tag whose fold made a '#' (NFKC of U+FE5F): it would read as a source's key
        continue;
      }
      if (seen.add(key)) {
        uses.add(new TagUse(id, key, tag, author, network, eventTime, kafkaTime));
      }
    }
    if (setAside) {
      uses.add(TagUse.rejected(record.getInt(1), record.getLong(2), kafkaTime));
    }
    return uses.iterator();
  }
}
