package io.trendtags.launcher.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports on 127.0.0.1 that nothing listens on right now, for servers started by tests and benchmarks. */
public final class FreePorts {

  private FreePorts() {}

  /** One free port. Another process may take it before you bind it: bind soon. */
  public static int next() {
    return take(1).get(0);
  }

  /**
   * {@code count} distinct free ports. The sockets stay open until all are chosen, so the operating system
   * cannot hand out the same port twice.
   */
  public static List<Integer> take(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socket.setReuseAddress(true);
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket we own does not fail in a way we could act on.
        }
      }
    }
  }
}
