package io.tokenlens.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka (KRaft), Confluent Schema Registry and clickhouse-server in containers, for machines where
 * a Docker daemon answers. Image tags are pinned; they match {@code docker-compose.yml}.
 */
final class ContainerStack implements StackSource {
  static final String KAFKA_IMAGE = "apache/kafka:4.3.1";
  static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:8.1.0";
  static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:25.8";

  private final Network network;
  private final KafkaContainer kafka;
  private final GenericContainer<?> registry;
  private final ClickHouseContainer clickhouse;

  private ContainerStack() {
    network = Network.newNetwork();
    kafka =
        new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
            .withNetwork(network)
            .withNetworkAliases("kafka")
            .withListener("kafka:19092")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    registry =
        new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
            .withNetwork(network)
            .dependsOn(kafka)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .withExposedPorts(8081)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
    clickhouse =
        new ClickHouseContainer(DockerImageName.parse(CLICKHOUSE_IMAGE)).withNetwork(network);
  }

  /**
   * True when a Docker daemon is configured and answers. Skipped without asking Testcontainers when
   * no socket or {@code DOCKER_HOST} exists, or when {@code TOKENLENS_TESTCONTAINERS=false}.
   */
  static boolean dockerAvailable(Map<String, String> env) {
    if ("false".equalsIgnoreCase(env.getOrDefault("TOKENLENS_TESTCONTAINERS", ""))) {
      return false;
    }
    boolean configured =
        env.containsKey("DOCKER_HOST")
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    if (!configured) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static StackSource start() {
    ContainerStack stack = new ContainerStack();
    try {
      stack.kafka.start();
      stack.clickhouse.start();
      stack.registry.start();
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  @Override
  public StackEndpoints endpoints() {
    String registryUrl = "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    String jdbc =
        clickhouse.getJdbcUrl()
            + (clickhouse.getJdbcUrl().contains("?") ? "&" : "?")
            + "user="
            + clickhouse.getUsername()
            + "&password="
            + clickhouse.getPassword();
    return new StackEndpoints(
        kafka.getBootstrapServers(), Optional.of(registryUrl), jdbc, "testcontainers");
  }

  @Override
  public void close() {
    registry.stop();
    clickhouse.stop();
    kafka.stop();
    network.close();
  }
}
