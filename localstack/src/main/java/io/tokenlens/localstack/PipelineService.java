package io.tokenlens.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One of the pipeline's services (ingest, streams, sink) run in the background against the local
 * stack: its module's classes and the runtime jars its build copied to {@code target/lib}, the same
 * as {@code ./tokenlens ingest|streams|sink}, with its log, pid file and working data under {@code
 * <data dir>/<name>/}.
 */
public final class PipelineService implements Component {
  private final String name;
  private final Path moduleDir;
  private final String mainClass;
  private final String heap;
  private final Path directory;
  private final String healthUrl;
  private final Map<String, Integer> ports;
  private final Map<String, String> environment;

  PipelineService(
      String name,
      Path moduleDir,
      String mainClass,
      String heap,
      Path directory,
      String healthUrl,
      Map<String, Integer> ports,
      Map<String, String> environment) {
    this.name = name;
    this.moduleDir = moduleDir;
    this.mainClass = mainClass;
    this.heap = heap;
    this.directory = directory;
    this.healthUrl = healthUrl;
    this.ports = Map.copyOf(ports);
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String address() {
    return healthUrl;
  }

  @Override
  public Path directory() {
    return directory;
  }

  @Override
  public void prepare() throws IOException {
    Files.createDirectories(directory);
    if (!Files.isDirectory(moduleDir.resolve("target/classes"))
        || !Files.isDirectory(moduleDir.resolve("target/lib"))) {
      throw new IOException(
          "missing "
              + moduleDir.resolve("target")
              + "/classes or /lib: build first with"
              + " ./mvnw -B -DskipTests -pl "
              + moduleDir.getFileName()
              + " -am package");
    }
  }

  @Override
  public List<String> command() {
    try {
      return JavaCommand.command(
          heap,
          JavaCommand.classpath(
              moduleDir.resolve("target/lib"), moduleDir.resolve("target/classes")),
          mainClass,
          List.of(),
          List.of());
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public Map<String, Integer> ports() {
    return ports;
  }

  @Override
  public boolean isReady() {
    return Probes.httpGet(healthUrl, r -> r.statusCode() == 200);
  }

  /**
   * Whether the process answers its health address at all: a service that is not ready yet (the
   * streams job answers 503 while it rebalances or restores its stores) is alive and is not
   * restarted for it.
   */
  public boolean answers() {
    return Probes.httpGet(healthUrl, r -> true);
  }

  /**
   * A digest of the command line and environment the service starts with (never the secrets
   * themselves).
   */
  String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(String.join("\0", command()).getBytes(StandardCharsets.UTF_8));
      new TreeMap<>(environment)
          .forEach((k, v) -> sha.update((k + "=" + v + "\0").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * When the module's jar was last written by a build, to recognise a service running older code.
   */
  Optional<FileTime> builtAt() {
    try (var files = Files.list(moduleDir.resolve("target"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jar"))
          .map(
              p -> {
                try {
                  return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                  return FileTime.fromMillis(0);
                }
              })
          .max(FileTime::compareTo);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
