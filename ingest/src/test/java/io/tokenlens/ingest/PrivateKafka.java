package io.tokenlens.ingest;

import static org.awaitility.Awaitility.await;

import io.tokenlens.localstack.KafkaBroker;
import io.tokenlens.localstack.RepoLayout;
import io.tokenlens.localstack.StackSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of the test's own, from the local stack's jars, that a test may stop and start
 * again (same data directory, same ports) to simulate an outage without touching the shared stack.
 */
final class PrivateKafka implements AutoCloseable {
  private final KafkaBroker broker;
  private final String bootstrap;
  private Process process;

  PrivateKafka(Path home) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_HOME", home.toString());
    try (ServerSocket a = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress());
        ServerSocket b = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      env.put("TOKENLENS_KAFKA_PORT", String.valueOf(a.getLocalPort()));
      env.put("TOKENLENS_KAFKA_CONTROLLER_PORT", String.valueOf(b.getLocalPort()));
    }
    env.put("TOKENLENS_KAFKA_HEAP", "512m");
    StackSettings settings = StackSettings.fromEnvironment(RepoLayout.locate(), env);
    this.broker = new KafkaBroker(settings);
    this.bootstrap = settings.kafkaBootstrapServers();
  }

  String bootstrapServers() {
    return bootstrap;
  }

  void start() throws IOException, InterruptedException {
    broker.prepare();
    process =
        new ProcessBuilder(broker.command())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(broker.logFile().toFile()))
            .start();
    // Awaitility directly, not Waits: a dead broker must fail at once rather than count as "not
    // yet"
    await("private broker ready")
        .atMost(io.tokenlens.testkit.Waits.LONG)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "the private broker exited; see " + broker.logFile());
              }
              return broker.isReady();
            });
  }

  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
