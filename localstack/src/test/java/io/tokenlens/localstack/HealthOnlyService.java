package io.tokenlens.localstack;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/**
 * A stand-in service process for {@link ServiceSupervisorTest}: serves {@code GET /health} on the
 * port named by {@code TEST_HEALTH_PORT} (503 while the file named by {@code TEST_BUSY_FILE}
 * exists, as a streams job that is restoring answers), or fails at start-up with a message when
 * {@code TEST_FAIL_WITH} is set.
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
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("TEST_HEALTH_PORT"))),
            0);
    String busyFile = System.getenv("TEST_BUSY_FILE");
    server.createContext(
        "/health",
        exchange -> {
          boolean busy =
              busyFile != null && java.nio.file.Files.exists(java.nio.file.Path.of(busyFile));
          exchange.sendResponseHeaders(busy ? 503 : 200, -1);
          exchange.close();
        });
    server.start();
  }
}
