package io.tokenlens.localstack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/**
 * A stand-in service process for {@link ServiceSupervisorTest}: serves {@code GET /health} on the port named by
 * {@code TEST_HEALTH_PORT}, or fails at start-up with a message when {@code TEST_FAIL_WITH} is set.
 */
public final class HealthOnlyService {
  private HealthOnlyService() {}

  public static void main(String[] args) throws Exception {
    String failure = System.getenv("TEST_FAIL_WITH");
    if (failure != null) {
      System.out.println("starting");
      System.err.println(failure);
      System.exit(3);
    }
    HttpServer server = HttpServer.create(
        new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("TEST_HEALTH_PORT"))), 0);
    server.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }
}
