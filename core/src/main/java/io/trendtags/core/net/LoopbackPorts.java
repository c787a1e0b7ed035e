package io.trendtags.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The one address TrendTags' servers bind to, and a check, before one starts, that its ports are free. */
public final class LoopbackPorts {

  public static final String HOST = "127.0.0.1";

  private LoopbackPorts() {}

  /** Whether no process listens on {@code port} of 127.0.0.1. */
  public static boolean isFree(int port) {
    return firstInUse(port) == null;
  }

  /** The first of {@code ports} (0 and below skipped) that another process listens on, or null when all are free. */
  public static String firstInUse(int... ports) {
    for (int port : ports) {
      if (port <= 0) {
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
