package io.trendtags.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void givesDistinctPortsThatCanBeBound() throws Exception {
    List<Integer> ports = FreePorts.take(3);

    assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isPositive());
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
