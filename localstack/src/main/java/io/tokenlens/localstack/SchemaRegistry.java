package io.tokenlens.localstack;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The project's embedded schema registry ({@code registry/}), speaking the Confluent Schema
 * Registry REST API and storing schemas in the compacted {@code _schemas} topic of the local
 * broker. Production uses Confluent Schema Registry (or a compatible registry) unchanged.
 */
public final class SchemaRegistry implements Component {
  private final StackSettings settings;

  public SchemaRegistry(StackSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "schema-registry";
  }

  @Override
  public String address() {
    return settings.schemaRegistryUrl();
  }

  @Override
  public Path directory() {
    return settings.componentDir(name());
  }

  private Path targetDir() {
    return settings.repoRoot().resolve("registry/target");
  }

  @Override
  public void prepare() throws IOException {
    Files.createDirectories(directory());
  }

  @Override
  public List<String> command() {
    try {
      return JavaCommand.command(
          "256m",
          JavaCommand.classpath(targetDir().resolve("registry-lib"), registryJar()),
          "io.tokenlens.registry.SchemaRegistryMain",
          List.of(),
          List.of(
              "--host",
              settings.host(),
              "--port",
              Integer.toString(settings.schemaRegistryPort()),
              "--bootstrap-servers",
              settings.kafkaBootstrapServers()));
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private Path registryJar() throws IOException {
    if (Files.isDirectory(targetDir())) {
      try (DirectoryStream<Path> jars =
          Files.newDirectoryStream(targetDir(), "tokenlens-registry-*.jar")) {
        for (Path jar : jars) {
          return jar;
        }
      }
    }
    throw new IOException(
        "missing registry/target/tokenlens-registry-*.jar:"
            + " build first with ./mvnw -DskipTests package");
  }

  @Override
  public boolean isReady() {
    return Probes.httpGet(address() + "/subjects", r -> r.statusCode() == 200);
  }
}
