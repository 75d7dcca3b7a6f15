package io.tokenlens.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for clickhouse-server: the real ClickHouse engine from the npm package
 * {@code chdb}, behind a Node.js endpoint speaking the ClickHouse HTTP interface
 * ({@code localstack/chdb-http}). Production uses clickhouse-server.
 */
public final class ClickHouseEndpoint implements Component {
  private final StackSettings settings;

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
    return Probes.httpGet(settings.clickhouseHttpUrl() + "/ping",
        r -> r.statusCode() == 200 && r.body().startsWith("Ok."));
  }
}
