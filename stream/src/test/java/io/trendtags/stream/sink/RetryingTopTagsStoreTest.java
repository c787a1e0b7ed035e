package io.trendtags.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.apache.hadoop.hbase.TableNotFoundException;
import org.apache.hadoop.hbase.client.RetriesExhaustedException;
import org.junit.jupiter.api.Test;

/** Which HBase failures the job waits out, which fail the batch at once, and that a close ends the waiting. */
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

  @Test
  void aCallAfterTheStoreClosedFailsAtOnceInsteadOfRetryingForever() {
    // The job's stop closes the store while a query may still be in a batch (seen in the demo: the batch
    // retried a closed store's calls for ever, and the stop waited for it).
    RetryingTopTagsStore store = new RetryingTopTagsStore("127.0.0.1:2181", null, Duration.ofDays(1));
    store.close();
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> store.writeBuckets(List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping"));
  }
}
