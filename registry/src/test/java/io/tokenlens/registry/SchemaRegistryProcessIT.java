package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged registry run the way the launcher runs it: {@code java -cp
 * target/tokenlens-registry-*.jar:target/registry-lib/* SchemaRegistryMain ...}, ready when {@code
 * GET /subjects} answers 200, stopped with SIGTERM.
 */
@StackTest
class SchemaRegistryProcessIT {
  private static final Path TARGET = Path.of("target");
  private KafkaForTests kafka;
  private Process process;
  private Path output;

  @BeforeEach
  void createTopicName(StackScope stack) throws IOException {
    kafka = new KafkaForTests(stack, "process");
    output = Files.createTempFile(TARGET, "registry-process-", ".log");
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (process != null) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    kafka.close();
  }

  private Process launch(List<String> args, Map<String, String> env) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                registryJar() + ":" + TARGET.resolve("registry-lib") + "/*",
                "io.tokenlens.registry.SchemaRegistryMain"));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("TOKENLENS_SCHEMA_REGISTRY"));
    builder.environment().putAll(env);
    process = builder.start();
    return process;
  }

  private static String registryJar() throws IOException {
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(TARGET, "tokenlens-registry-*.jar")) {
      for (Path jar : jars) {
        return jar.toString();
      }
    }
    throw new IllegalStateException("no target/tokenlens-registry-*.jar: run mvn verify");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitReady(RegistryClient client) {
    Waits.until(
        "the registry to answer GET /subjects",
        Waits.LONG,
        () -> client.get("/subjects").status(),
        status -> status == 200);
  }

  private String log() throws IOException {
    return Files.readString(output);
  }

  @Test
  void shouldServeFromTheLaunchersCommandAndStopGracefullyOnSigterm() throws Exception {
    int port = freePort();
    launch(
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--bootstrap-servers",
            kafka.bootstrapServers()),
        Map.of("TOKENLENS_SCHEMA_REGISTRY_TOPIC", kafka.topic()));
    RegistryClient client = new RegistryClient(URI.create("http://127.0.0.1:" + port));

    awaitReady(client);
    int id = client.register("usage-value", Schemas.V1);
    assertThat(client.get("/schemas/ids/" + id).status()).isEqualTo(200);

    process.destroy();

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
    assertThat(log())
        .contains("Stopping the schema registry")
        .contains("Schema registry at http://127.0.0.1:" + port + " stopped");
  }

  @Test
  void shouldTakeItsSettingsFromTheEnvironment() throws Exception {
    int port = freePort();
    launch(
        List.of(),
        Map.of(
            "TOKENLENS_SCHEMA_REGISTRY_PORT", Integer.toString(port),
            "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "TOKENLENS_SCHEMA_REGISTRY_TOPIC", kafka.topic()));

    awaitReady(new RegistryClient(URI.create("http://127.0.0.1:" + port)));
    assertThat(log()).contains("topic " + kafka.topic());
  }

  @Test
  void shouldExitWithStatus2OnInvalidSettings() throws Exception {
    launch(List.of("--host", "0.0.0.0", "--port", "nope"), Map.of());

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(log())
        .contains("--host 0.0.0.0 is not a loopback address")
        .contains("--port must be an integer");
  }
}
