package io.tokenlens.localstack;

import io.tokenlens.schemas.clickhouse.ClickHouseAccess;
import io.tokenlens.schemas.clickhouse.LocalAccessFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for clickhouse-server: the real ClickHouse engine from the npm package {@code
 * chdb}, behind a Node.js endpoint speaking the ClickHouse HTTP interface ({@code
 * localstack/chdb-http}). Production uses clickhouse-server.
 *
 * <p>Its users are {@code default} (every privilege, no password), {@code tokenlens_sink} and
 * {@code tokenlens_reader} with the roles and grants of {@link ClickHouseAccess} for the database
 * {@value #DATABASE}: the engine cannot create them by SQL, so they reach it as the access file
 * made from the very statements a clickhouse-server gets.
 */
public final class ClickHouseEndpoint implements Component {
  /** The database the local stack's services use. */
  public static final String DATABASE = "default";

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

  Path accessFile() {
    return directory().resolve("access.json");
  }

  @Override
  public void prepare() throws IOException, InterruptedException {
    Files.createDirectories(directory().resolve("data"));
    writeAccessFile();
    if (Files.isDirectory(serverDir().resolve("node_modules/chdb"))) {
      return;
    }
    // npm ci installs exactly the committed lockfile: chdb and its ClickHouse engine library.
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(serverDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
            .start();
    if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
      npm.destroyForcibly();
      throw new IOException("npm ci in " + serverDir() + " failed; see " + logFile());
    }
  }

  /** The users, roles and grants of the endpoint (owner-only: it holds password hashes). */
  void writeAccessFile() throws IOException {
    String json =
        LocalAccessFile.fromStatements(
            ClickHouseAccess.statements(DATABASE, settings.clickhouseUsers()));
    Path file = accessFile();
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, json, StandardCharsets.UTF_8);
  }

  @Override
  public List<String> command() {
    return List.of(
        "node",
        serverDir().resolve("server.js").toString(),
        "--host",
        settings.host(),
        "--port",
        Integer.toString(settings.clickhousePort()),
        "--data-dir",
        directory().resolve("data").toString(),
        "--access-file",
        accessFile().toString());
  }

  @Override
  public boolean isReady() {
    return Probes.httpGet(
        settings.clickhouseHttpUrl() + "/ping",
        r -> r.statusCode() == 200 && r.body().startsWith("Ok."));
  }
}
