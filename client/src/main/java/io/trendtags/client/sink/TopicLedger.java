package io.trendtags.client.sink;

import java.util.Map;
import java.util.Set;

/**
 * What a topic already holds, for a client that must not send a tweet twice after a crash: the end of
 * each partition now (a mark saved with the client's position), and the keys written after such a mark
 * (tweets Kafka took before the crash but after the last saved position).
 */
public interface TopicLedger extends AutoCloseable {

  /** The next offset of every partition of the topic, partition to offset. */
  Map<Integer, Long> endOffsets();

  /** The keys of every record from {@code mark} (partition to offset; missing partitions from 0) to the end. */
  Set<String> keysFrom(Map<Integer, Long> mark);

  @Override
  void close();
}
