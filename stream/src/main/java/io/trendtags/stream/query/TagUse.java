package io.trendtags.stream.query;

import java.io.Serializable;
import java.sql.Timestamp;

/**
 * One row of the stream after extraction: post {@code id} by {@code author} on network {@code source}
 * ({@code x}, {@code mastodon}, {@code bluesky}) at {@code eventTime} used hashtag {@code key} (case-folded),
 * written as {@code casing}; Kafka took it at {@code ingestTime}. A record that is not a tweet becomes a
 * row with a null key and an id made from its Kafka position, so it is counted once as rejected and
 * never as a tag.
 *
 * <p>A Java bean because Spark's bean encoder maps it to columns; {@link Timestamp} because that is
 * the bean type Spark maps to its {@code TimestampType}, which watermarks and windows need.
 */
public class TagUse implements Serializable {
  private String id;
  private String key;
  private String casing;
  private String author;
  private String source;
  private Timestamp eventTime;
  private Timestamp ingestTime;

  public TagUse() {}

  TagUse(String id, String key, String casing, String author, String source, Timestamp eventTime, Timestamp ingestTime) {
    this.id = id;
    this.key = key;
    this.casing = casing;
    this.author = author;
    this.source = source;
    this.eventTime = eventTime;
    this.ingestTime = ingestTime;
  }

  static TagUse rejected(int partition, long offset, Timestamp kafkaTime) {
    return new TagUse("rejected@" + partition + ":" + offset, null, null, null, null, kafkaTime, kafkaTime);
  }

  public String getId() { return id; }
  public void setId(String id) { this.id = id; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
  public String getCasing() { return casing; }
  public void setCasing(String casing) { this.casing = casing; }
  public String getAuthor() { return author; }
  public void setAuthor(String author) { this.author = author; }
  public String getSource() { return source; }
  public void setSource(String source) { this.source = source; }
  public Timestamp getEventTime() { return eventTime; }
  public void setEventTime(Timestamp eventTime) { this.eventTime = eventTime; }
  public Timestamp getIngestTime() { return ingestTime; }
  public void setIngestTime(Timestamp ingestTime) { this.ingestTime = ingestTime; }
}
