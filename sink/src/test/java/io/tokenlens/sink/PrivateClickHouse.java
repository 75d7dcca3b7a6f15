package io.tokenlens.sink;

import io.tokenlens.testkit.Waits;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A ClickHouse endpoint of this test's own (the local stack's chDB HTTP server on a free port with
 * a private data directory), so a test can stop and restart it without disturbing the shared one.
 */
final class PrivateClickHouse implements AutoCloseable {

  private static final Path SERVER =
      Path.of("..", "localstack", "chdb-http", "server.js").toAbsolutePath().normalize();

  private final Path dataDir;
  private final Path log;
  private final int port;
  private final List<String> extraArgs;
  private Process process;

  PrivateClickHouse(Path dataDir) throws IOException {
    this(dataDir, List.of());
  }

  /**
   * @param extraArgs further options of the server, e.g. {@code --access-file F}
   */
  PrivateClickHouse(Path dataDir, List<String> extraArgs) throws IOException {
    this.dataDir = dataDir;
    this.extraArgs = List.copyOf(extraArgs);
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      this.port = socket.getLocalPort();
    }
  }

  /** The HTTP endpoint, {@code http://127.0.0.1:<port>}. */
  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  String jdbcUrl(String database) {
    return "jdbc:clickhouse://127.0.0.1:" + port + "/" + database;
  }

  void start() throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                SERVER.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--data-dir",
                dataDir.toString()));
    command.addAll(extraArgs);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    HttpClient http = HttpClient.newHttpClient();
    Waits.until(
        "the private ClickHouse on port " + port + " to answer /ping",
        Waits.LONG,
        () ->
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body(),
        body -> body.startsWith("Ok"));
  }

  /** Stops the endpoint the hard way, as a crash or a lost network would. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
