package io.tokenlens.simulator.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's stages at a tiny size on a private stack (free ports, its own data directory, like {@code LocalStackIT}):
 * the stack, the ingest, streams and sink services as background processes, the prices, the simulation through the
 * collectors, the drain; then a second run on the same stack without stopping anything.
 */
class DemoIT {
  @TempDir Path dataDir;
  private StackSettings stack;
  private ServiceSettings ports;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void stopEverything() throws IOException {
    if (stack != null) {
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      ServiceSupervisor.forStatus(stack, ports).down(quiet);
      new LocalStack(stack).down(false, quiet);
    }
  }

  @Test
  void shouldLandASimulatedOrganisationInClickHouseAndRunAgainOnTheSameStack() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("TOKENLENS_HOME", dataDir.toString());
    env.put("TOKENLENS_KAFKA_HEAP", "512m");
    List<String> names = List.of("TOKENLENS_KAFKA_PORT", "TOKENLENS_KAFKA_CONTROLLER_PORT",
        "TOKENLENS_SCHEMA_REGISTRY_PORT", "TOKENLENS_CLICKHOUSE_PORT", ServiceSettings.INGEST_HTTP_PORT,
        ServiceSettings.INGEST_GRPC_PORT, ServiceSettings.STREAMS_HEALTH_PORT, ServiceSettings.SINK_METRICS_PORT);
    List<Integer> free = freePorts(names.size());
    for (int i = 0; i < names.size(); i++) {
      env.put(names.get(i), free.get(i).toString());
    }
    stack = StackSettings.fromEnvironment(RepoLayout.locate(), env);
    ports = ServiceSettings.fromEnvironment(stack, env);
    DemoOptions options = DemoOptions.parse(new String[] {"--engineers", "4", "--teams", "2", "--days", "1",
        "--quiet-seconds", "5", "--settle-seconds", "0", "--max-wait-seconds", "600"});

    boolean first = run(options);

    assertThat(first).as("drained, nothing refused:%n%s", output()).isTrue();
    assertThat(output()).contains("[1/5] stack", "[2/5] services", "[3/5] prices", "[4/5] simulation",
        "[5/5] drain", "stage times:");
    long usage = count("token_usage");
    assertThat(usage).as("enriched token usage landed").isPositive();
    assertThat(count("token_usage_raw")).isPositive();
    assertThat(count("pull_requests")).isPositive();
    assertThat(count("model_prices")).isPositive();
    assertThat(ServiceSupervisor.forStatus(stack, ports).status())
        .allSatisfy(s -> assertThat(s.state()).isEqualTo("running"));

    out.reset();
    boolean second = run(options);

    assertThat(second).as("the rerun drains too:%n%s", output()).isTrue();
    assertThat(output()).contains("already running", "replaying the last demo run");
    assertThat(count("token_usage")).as("the replayed events are deduplicated by event id").isEqualTo(usage);
  }

  private boolean run(DemoOptions options) throws Exception {
    return new DemoRun(stack, ports, options, new PrintStream(out, true, StandardCharsets.UTF_8),
        Clock.systemUTC()).run();
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private long count(String table) throws Exception {
    try (Connection c = DriverManager.getConnection(stack.clickhouseJdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
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
