package io.tokenlens.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * The real Apache Kafka broker, combined broker and controller in KRaft mode, run from the jars
 * Maven copied to {@code localstack/kafka-broker/target/lib}. Single-broker settings that
 * exactly-once needs (replication factor and min ISR 1 for internal topics), no automatic topic
 * creation.
 */
public final class KafkaBroker implements Component {
  private final StackSettings settings;

  public KafkaBroker(StackSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public String address() {
    return settings.kafkaBootstrapServers();
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
            List.of(
                "format", "-t", Uuid.randomUuid().toString(), "-c", propertiesFile().toString()));
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

  String serverProperties() {
    String host = settings.host();
    return String.join(
        "\n",
        "# written by ./tokenlens up on every start; edit StackSettings, not this file",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + host + ":" + settings.kafkaControllerPort(),
        "listeners=PLAINTEXT://"
            + host
            + ":"
            + settings.kafkaPort()
            + ",CONTROLLER://"
            + host
            + ":"
            + settings.kafkaControllerPort(),
        "advertised.listeners=PLAINTEXT://" + host + ":" + settings.kafkaPort(),
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dataDir(),
        "num.partitions=1",
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=10",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=10",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
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

  @Override
  public boolean isReady() {
    if (!Probes.acceptsTcp(settings.host(), settings.kafkaPort())) {
      return false; // fail fast: the admin client would retry until its timeout
    }
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, address(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    try (Admin admin = Admin.create(config)) {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(3000))
          .nodes()
          .get(4, TimeUnit.SECONDS)
          .isEmpty();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
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
