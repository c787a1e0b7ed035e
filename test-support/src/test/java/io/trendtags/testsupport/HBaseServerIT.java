package io.trendtags.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HBaseServerIT {

  @RegisterExtension static final HBaseServer HBASE = new HBaseServer();

  @Test
  void shouldServeZooKeeperOnTheQuorumItAnnounced() throws Exception {
    assertThat(HBASE.zkQuorum()).isEqualTo("127.0.0.1:" + HBASE.zkPort());

    // "srvr" is the one four-letter command ZooKeeper 3.8 allows by default: a live server answers it.
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HBASE.zkHost(), HBASE.zkPort()), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write("srvr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).contains("Zookeeper version");
    }
  }

  @Test
  void shouldHaveAnnouncedItsQuorumInItsReadyLine() throws Exception {
    assertThat(HBASE.process().awaitReady(Duration.ZERO)).containsEntry("zk", HBASE.zkQuorum());
    assertThat(HBASE.process().isAlive()).isTrue();
  }
}
