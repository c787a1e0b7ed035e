package io.trendtags.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.apache.hadoop.hbase.TableNotFoundException;
import org.apache.hadoop.hbase.client.RetriesExhaustedException;
import org.junit.jupiter.api.Test;

/** Which HBase failures the job waits out, and which fail the batch at once. */
class RetryingTopTagsStoreTest {

  @Test
  void anUnreachableHBaseIsWaitedOut() {
    assertThat(RetryingTopTagsStore.retryable(new UncheckedIOException("cannot reach HBase",
        new RetriesExhaustedException("5 attempts", new ConnectException("Connection refused"))))).isTrue();
    assertThat(RetryingTopTagsStore.retryable(new UncheckedIOException(new IOException("region moved")))).isTrue();
  }

  @Test
  void aMissingTableIsWaitedOutBecauseTheNextConnectionCreatesIt() {
    assertThat(RetryingTopTagsStore.retryable(new UncheckedIOException(new TableNotFoundException("hashtags")))).isTrue();
  }

  @Test
  void whatHBaseSaysNotToRetryAndABadCallFailTheBatchAtOnce() {
    assertThat(RetryingTopTagsStore.retryable(new UncheckedIOException(
        new DoNotRetryIOException("KeyValue size too large")))).isFalse();
    assertThat(RetryingTopTagsStore.retryable(new IllegalArgumentException("a tag of 40000 bytes is too long"))).isFalse();
  }
}
