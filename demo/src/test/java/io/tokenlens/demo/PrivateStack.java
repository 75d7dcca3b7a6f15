package io.tokenlens.demo;

import io.tokenlens.localstack.LocalStack;
import io.tokenlens.localstack.RepoLayout;
import io.tokenlens.localstack.ServiceSettings;
import io.tokenlens.localstack.ServiceSupervisor;
import io.tokenlens.localstack.StackSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local stack and its services of a test's own: its own data directory and free loopback ports
 * (like {@code LocalStackIT}), so it runs beside a developer's stack; stopped by {@link #down}.
 */
record PrivateStack(StackSettings stack, ServiceSettings ports) {

  static PrivateStack in(Path dataDir) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_HOME", dataDir.toString());
    env.put("TOKENLENS_KAFKA_HEAP", "512m");
    List<String> names =
        List.of(
            "TOKENLENS_KAFKA_PORT",
            "TOKENLENS_KAFKA_CONTROLLER_PORT",
            "TOKENLENS_SCHEMA_REGISTRY_PORT",
            "TOKENLENS_CLICKHOUSE_PORT",
            ServiceSettings.INGEST_HTTP_PORT,
            ServiceSettings.INGEST_GRPC_PORT,
            ServiceSettings.STREAMS_HEALTH_PORT,
            ServiceSettings.SINK_METRICS_PORT);
    List<Integer> free = freePorts(names.size());
    for (int i = 0; i < names.size(); i++) {
      env.put(names.get(i), free.get(i).toString());
    }
    StackSettings stack = StackSettings.fromEnvironment(RepoLayout.locate(), env);
    return new PrivateStack(stack, ServiceSettings.fromEnvironment(stack, env));
  }

  /** Stops the services, then the stack. */
  void down() throws IOException {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ServiceSupervisor.forStatus(stack, ports).down(quiet);
    new LocalStack(stack).down(false, quiet);
  }

  private static List<Integer> freePorts(int n) throws IOException {
    Integer[] found = new Integer[n];
    ServerSocket[] sockets = new ServerSocket[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        found[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return List.of(found);
  }
}
