package io.tokenlens.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The Kafka broker of the integration tests, named by {@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS}
 * ({@code ./tokenlens up} then {@code eval "$(./tokenlens env)"}), and the registry instances and
 * topics a test class creates on it. Each test class uses its own schema topic.
 */
final class KafkaForTests implements AutoCloseable {
  private final String topic;
  private final List<SchemaRegistryServer> started = new ArrayList<>();

  KafkaForTests(String testName) {
    this.topic = "_schemas-it-" + testName + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The broker's address. Without {@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS} the calling test is
   * skipped (reported as skipped, with this message), so that building the module without a
   * broker still works.
   */
  static String bootstrapServers() {
    String servers = System.getenv("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS");
    assumeTrue(servers != null && !servers.isBlank(), "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS is not"
        + " set: integration tests against Kafka skipped. Start the local stack with"
        + " ./tokenlens up and export the variable (eval \"$(./tokenlens env)\")");
    return servers;
  }

  String topic() {
    return topic;
  }

  /** The arguments of an instance on this class's topic, any free port. */
  String[] args(String... extra) {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--bootstrap-servers",
        bootstrapServers(), "--topic", topic));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** Starts an instance on this class's topic; stopped by {@link #close()} at the latest. */
  SchemaRegistryServer start(String... extra) {
    SchemaRegistryServer server = SchemaRegistryServer.start(
        RegistryConfig.parse(args(extra), Map.of()));
    started.add(server);
    return server;
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  /** Stops every instance still running and deletes the topic and the election's group. */
  @Override
  public void close() {
    started.forEach(SchemaRegistryServer::close);
    String servers = System.getenv("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS");
    if (servers == null || servers.isBlank()) {
      return;
    }
    try (Admin admin = admin()) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      admin.deleteConsumerGroups(List.of("tokenlens-schema-registry-writer." + topic)).all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: a leftover topic or group does not affect other test classes
    }
  }
}
