package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.ProvisioningReport;
import io.tokenlens.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second, private stack on free ports and its own data directory: up, idempotent up, status,
 * down, and no process left behind.
 */
class LocalStackIT {
  @TempDir Path dataDir;
  private LocalStack stack;

  @AfterEach
  void stopEverything() throws IOException {
    if (stack != null) {
      stack.down(false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }
  }

  @Test
  void shouldStartReportAndStopEveryComponent() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_HOME", dataDir.toString());
    List<Integer> ports = freePorts(4);
    env.put("TOKENLENS_KAFKA_PORT", ports.get(0).toString());
    env.put("TOKENLENS_KAFKA_CONTROLLER_PORT", ports.get(1).toString());
    env.put("TOKENLENS_SCHEMA_REGISTRY_PORT", ports.get(2).toString());
    env.put("TOKENLENS_CLICKHOUSE_PORT", ports.get(3).toString());
    env.put("TOKENLENS_KAFKA_HEAP", "512m");
    stack = new LocalStack(StackSettings.fromEnvironment(RepoLayout.locate(), env));

    ByteArrayOutputStream first = new ByteArrayOutputStream();
    List<String> started = stack.up(new PrintStream(first, true, StandardCharsets.UTF_8));
    assertThat(started)
        .containsExactlyElementsOf(
            LocalStack.components(stack.settings()).stream().map(Component::name).toList());
    assertThat(first.toString(StandardCharsets.UTF_8)).contains("started in");

    List<LocalStack.ComponentStatus> status = stack.status();
    assertThat(status)
        .allSatisfy(
            s -> {
              assertThat(s.pid()).isPresent();
              assertThat(s.ready()).isTrue();
              assertThat(s.state()).isEqualTo("running");
            });
    List<Long> pids = status.stream().map(s -> s.pid().orElseThrow()).toList();

    ProvisioningReport topics =
        CatalogTopics.provision(
            stack.settings(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(topics.created()).hasSize(Topics.all().size());
    assertThat(
            CatalogTopics.provision(
                    stack.settings(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .existing())
        .as("provisioning twice creates nothing")
        .hasSize(Topics.all().size());

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    assertThat(stack.up(new PrintStream(second, true, StandardCharsets.UTF_8))).isEmpty();
    assertThat(second.toString(StandardCharsets.UTF_8)).contains("already running");

    stack.down(false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(pids)
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    assertThat(stack.status()).allSatisfy(s -> assertThat(s.state()).isEqualTo("stopped"));
    assertThat(Files.exists(dataDir.resolve("kafka/data/meta.properties")))
        .as("down keeps the data")
        .isTrue();

    stack.down(true, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(Files.exists(dataDir)).as("down --purge deletes it").isFalse();
    stack = null;
  }

  private static List<Integer> freePorts(int n) throws IOException {
    Integer[] ports = new Integer[n];
    ServerSocket[] sockets = new ServerSocket[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return List.of(ports);
  }
}
