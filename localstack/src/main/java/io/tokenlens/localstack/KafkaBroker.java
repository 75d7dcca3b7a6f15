package io.tokenlens.localstack;

import io.tokenlens.schemas.topics.TopicSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * One real Apache Kafka broker, combined broker and controller in KRaft mode, run from the jars
 * Maven copied to {@code localstack/kafka-broker/target/lib}. The stack runs {@link
 * StackSettings#kafkaBrokers()} of them, every one a voter of the controller quorum, formatted with
 * one cluster id. The internal topics (consumer offsets, transactions) and the broker's defaults
 * for topics it creates (the streams job's internal topics) are replicated as the catalog's topics
 * are ({@link StackSettings#topicSettings()}): factor and min ISR 1 on a single broker, 3 and 2 on
 * three. No automatic topic creation.
 */
public final class KafkaBroker implements Component {
  /** The file in the data directory holding the cluster id every broker is formatted with. */
  static final String CLUSTER_ID_FILE = "kafka-cluster-id";

  private final StackSettings settings;
  private final int node;

  /** The first (on a single-broker stack, the only) broker. */
  public KafkaBroker(StackSettings settings) {
    this(settings, 0);
  }

  /** Broker {@code node} (0-based) of the stack's cluster. */
  public KafkaBroker(StackSettings settings, int node) {
    if (node < 0 || node >= settings.kafkaBrokers()) {
      throw new IllegalArgumentException(
          "broker " + node + " of a cluster of " + settings.kafkaBrokers());
    }
    this.settings = settings;
    this.node = node;
  }

  /** Every broker of the stack, in start order. */
  public static List<KafkaBroker> cluster(StackSettings settings) {
    return IntStream.range(0, settings.kafkaBrokers())
        .mapToObj(node -> new KafkaBroker(settings, node))
        .toList();
  }

  /** {@code kafka} on a single-broker stack, else {@code kafka-1}, {@code kafka-2}, ... */
  @Override
  public String name() {
    return settings.kafkaBrokers() == 1 ? "kafka" : "kafka-" + (node + 1);
  }

  @Override
  public String address() {
    return settings.host() + ":" + settings.kafkaPort(node);
  }

  @Override
  public Path directory() {
    return settings.componentDir(name());
  }

  private Path libDir() {
    return settings.repoRoot().resolve("localstack/kafka-broker/target/lib");
  }

  private Path propertiesFile() {
    return directory().resolve("server.properties");
  }

  private Path dataDir() {
    return directory().resolve("data");
  }

  @Override
  public void prepare() throws IOException, InterruptedException {
    Files.createDirectories(dataDir());
    Files.writeString(propertiesFile(), serverProperties(), StandardCharsets.UTF_8);
    Files.writeString(directory().resolve("log4j2.properties"), LOG4J2, StandardCharsets.UTF_8);
    if (Files.exists(dataDir().resolve("meta.properties"))) {
      return;
    }
    List<String> format =
        JavaCommand.command(
            "256m",
            JavaCommand.classpath(libDir()),
            "kafka.tools.StorageTool",
            log4jArgs(),
            List.of("format", "-t", clusterId(), "-c", propertiesFile().toString()));
    Process process =
        new ProcessBuilder(format)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("formatting Kafka storage failed; see " + logFile());
    }
  }

  /** The id every broker of the cluster is formatted with: read, or made by the first to format. */
  private String clusterId() throws IOException {
    Path file = settings.dataDir().resolve(CLUSTER_ID_FILE);
    if (!Files.isRegularFile(file)) {
      Files.createDirectories(settings.dataDir());
      Files.writeString(file, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  private String quorumVoters() {
    return IntStream.range(0, settings.kafkaBrokers())
        .mapToObj(n -> (n + 1) + "@" + settings.host() + ":" + settings.kafkaControllerPort(n))
        .collect(Collectors.joining(","));
  }

  String serverProperties() {
    String host = settings.host();
    TopicSettings topics = settings.topicSettings();
    String replication = Short.toString(topics.replicationFactor());
    String minIsr = Integer.toString(topics.minInsyncReplicas());
    return String.join(
        "\n",
        "# written by ./tokenlens up on every start; edit StackSettings, not this file",
        "process.roles=broker,controller",
        "node.id=" + (node + 1),
        "controller.quorum.voters=" + quorumVoters(),
        "listeners=PLAINTEXT://"
            + host
            + ":"
            + settings.kafkaPort(node)
            + ",CONTROLLER://"
            + host
            + ":"
            + settings.kafkaControllerPort(node),
        "advertised.listeners=PLAINTEXT://" + host + ":" + settings.kafkaPort(node),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir(),
        "num.partitions=1",
        "auto.create.topics.enable=false",
        "default.replication.factor=" + replication,
        "min.insync.replicas=" + minIsr,
        "offsets.topic.replication.factor=" + replication,
        "offsets.topic.num.partitions=10",
        "transaction.state.log.replication.factor=" + replication,
        "transaction.state.log.min.isr=" + minIsr,
        "transaction.state.log.num.partitions=10",
        "share.coordinator.state.topic.replication.factor=" + replication,
        "share.coordinator.state.topic.min.isr=" + minIsr,
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  private List<String> log4jArgs() {
    return List.of(
        "-Dlog4j2.configurationFile=" + directory().resolve("log4j2.properties"),
        "-Dkafka.logs.dir=" + directory());
  }

  @Override
  public List<String> command() {
    try {
      return JavaCommand.command(
          settings.kafkaHeap(),
          JavaCommand.classpath(libDir()),
          "kafka.Kafka",
          log4jArgs(),
          List.of(propertiesFile().toString()));
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /**
   * A single broker: it answers a cluster description. In a cluster the brokers start one after the
   * other, and none can answer before a majority of the controller quorum runs: a broker counts as
   * started once its controller listener accepts connections, and the last one only once the
   * cluster describes itself with every broker registered.
   */
  @Override
  public boolean isReady() {
    int brokers = settings.kafkaBrokers();
    if (brokers > 1 && !Probes.acceptsTcp(settings.host(), settings.kafkaControllerPort(node))) {
      return false;
    }
    if (brokers > 1 && node < brokers - 1) {
      return true;
    }
    if (!Probes.acceptsTcp(settings.host(), settings.kafkaPort(node))) {
      return false; // fail fast: the admin client would retry until its timeout
    }
    return registeredBrokers() >= brokers;
  }

  /**
   * The brokers the cluster describes through this broker's listener; 0 when it does not answer.
   */
  private int registeredBrokers() {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    try (Admin admin = Admin.create(config)) {
      return admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
          .nodes()
          .get(4, TimeUnit.SECONDS)
          .size();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  private static final String LOG4J2 =
      String.join(
          "\n",
          "status = warn",
          "appender.out.type = Console",
          "appender.out.name = out",
          "appender.out.layout.type = PatternLayout",
          "appender.out.layout.pattern = [%d] %p %m (%c)%n",
          "rootLogger.level = INFO",
          "rootLogger.appenderRef.out.ref = out",
          "logger.kafka.name = kafka",
          "logger.kafka.level = INFO",
          "logger.apache.name = org.apache.kafka",
          "logger.apache.level = WARN",
          "logger.state.name = state.change.logger",
          "logger.state.level = WARN",
          "");
}
