package io.trendtags.embedded.spark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The one address the cluster's processes bind to, and a check that a port on it is free. */
final class LoopbackPorts {

  static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /** The first of {@code ports} (0 skipped) that another process listens on, or null when all are free. */
  static String firstInUse(int... ports) {
    for (int port : ports) {
      if (port == 0) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
        // free
      } catch (IOException inUse) {
        return String.valueOf(port);
      }
    }
    return null;
  }
}
