package io.tokenlens.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Loopback port probes. */
final class Ports {
  private Ports() {}

  /** True when something accepts TCP connections on host:port within 500 ms. */
  static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
