package io.tokenlens.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for clickhouse-server: the real ClickHouse engine from the npm package
 * {@code chdb}, behind a Node.js endpoint speaking the ClickHouse HTTP interface
 * ({@code localstack/chdb-http}). Production uses clickhouse-server.
 */
public final class ClickHouseEndpoint implements Component {
  private final StackSettings settings;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2))
      .build();

  public ClickHouseEndpoint(StackSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "clickhouse";
  }

  @Override
  public String address() {
    return settings.clickhouseJdbcUrl();
  }

  @Override
  public Path directory() {
    return settings.componentDir(name());
  }

  private Path serverDir() {
    return settings.repoRoot().resolve("localstack/chdb-http");
  }

  @Override
  public void prepare() throws IOException, InterruptedException {
    Files.createDirectories(directory().resolve("data"));
    if (Files.isDirectory(serverDir().resolve("node_modules/chdb"))) {
      return;
    }
    // npm ci installs exactly the committed lockfile: chdb and its ClickHouse engine library.
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
        .directory(serverDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .start();
    if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IOException("npm ci in " + serverDir() + " failed; see " + logFile());
    }
  }

  @Override
  public List<String> command() {
    return List.of("node", serverDir().resolve("server.js").toString(),
        "--host", settings.host(),
        "--port", Integer.toString(settings.clickhousePort()),
        "--data-dir", directory().resolve("data").toString());
  }

  @Override
  public boolean isReady() {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(settings.clickhouseHttpUrl() + "/ping"))
              .timeout(Duration.ofSeconds(2)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().startsWith("Ok.");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
