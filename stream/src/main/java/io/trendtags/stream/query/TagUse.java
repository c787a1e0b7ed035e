package io.trendtags.stream.query;

import java.io.Serializable;

/**
 * One row of the stream after extraction: tweet {@code id} used hashtag {@code key} (case-folded),
 * written as {@code casing}. A record that is not a tweet becomes a row with a null key and an id
 * made from its Kafka position, so it is counted once as rejected and never as a tag.
 *
 * <p>A Java bean because Spark's bean encoder maps it to three string columns.
 */
public class TagUse implements Serializable {
  private String id;
  private String key;
  private String casing;

  public TagUse() {}

  TagUse(String id, String key, String casing) {
    this.id = id;
    this.key = key;
    this.casing = casing;
  }

  static TagUse rejected(int partition, long offset) {
    return new TagUse("rejected@" + partition + ":" + offset, null, null);
  }

  public String getId() { return id; }
  public void setId(String id) { this.id = id; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
  public String getCasing() { return casing; }
  public void setCasing(String casing) { this.casing = casing; }
}
