package io.trendtags.client.sink;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link TopicLedger} over a {@link ListTweetSink}: one partition, whose offsets are list positions. */
public final class ListTopicLedger implements TopicLedger {

  private final ListTweetSink sink;

  public ListTopicLedger(ListTweetSink sink) {
    this.sink = sink;
  }

  @Override
  public Map<Integer, Long> endOffsets() {
    return Map.of(0, (long) sink.sent().size());
  }

  @Override
  public Set<String> keysFrom(Map<Integer, Long> mark) {
    List<ListTweetSink.Sent> sent = List.copyOf(sink.sent());
    Set<String> keys = new HashSet<>();
    for (int i = mark.getOrDefault(0, 0L).intValue(); i < sent.size(); i++) {
      keys.add(sent.get(i).id());
    }
    return keys;
  }

  @Override
  public void close() {}
}
