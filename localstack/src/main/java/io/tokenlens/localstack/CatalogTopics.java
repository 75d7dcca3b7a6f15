package io.tokenlens.localstack;

import io.tokenlens.schemas.topics.ProvisioningReport;
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.TopicSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Creates the topic catalog's topics on the local brokers (automatic topic creation is off), with
 * the settings that fit their number ({@link StackSettings#topicSettings()}): replication factor
 * and {@code min.insync.replicas} 1 on a single broker, 3 and 2 on three.
 */
public final class CatalogTopics {
  private CatalogTopics() {}

  public static ProvisioningReport provision(StackSettings settings, PrintStream out) {
    return provision(settings.kafkaBootstrapServers(), settings.topicSettings(), out);
  }

  /**
   * {@code ./tokenlens topics}: the catalog on any cluster — the one {@code
   * TOKENLENS_KAFKA_BOOTSTRAP_SERVERS} names (docker-compose, a real cluster), else the local stack
   * — with the topic settings of the environment ({@code TOKENLENS_TOPICS_STREAM_PARTITIONS},
   * {@code TOKENLENS_TOPICS_REPLICATION_FACTOR}, {@code TOKENLENS_TOPICS_MIN_INSYNC_REPLICAS},
   * {@code TOKENLENS_TOPICS_NAME_PREFIX}).
   */
  static ProvisioningReport provision(
      StackSettings settings, Map<String, String> env, PrintStream out) {
    String bootstrap = env.getOrDefault("TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "");
    Map<String, String> given = new HashMap<>(env);
    if (bootstrap.isBlank()) {
      settings.topicEnvironment().forEach(given::putIfAbsent); // the local cluster's replication
    }
    return provision(
        bootstrap.isBlank() ? settings.kafkaBootstrapServers() : bootstrap,
        TopicSettings.fromConfig(topicKeys(given)),
        out);
  }

  /** {@code TOKENLENS_TOPICS_REPLICATION_FACTOR} → {@code topics.replication.factor}, and so on. */
  static Map<String, String> topicKeys(Map<String, String> env) {
    Map<String, String> keys = new HashMap<>();
    for (String key :
        List.of(
            TopicSettings.NAME_PREFIX,
            TopicSettings.STREAM_PARTITIONS,
            TopicSettings.REPLICATION_FACTOR,
            TopicSettings.MIN_INSYNC_REPLICAS)) {
      String value = env.get("TOKENLENS_" + key.toUpperCase(Locale.ROOT).replace('.', '_'));
      if (value != null) {
        keys.put(key, value.trim());
      }
    }
    return keys;
  }

  private static ProvisioningReport provision(
      String bootstrapServers, TopicSettings topics, PrintStream out) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      ProvisioningReport report =
          new TopicProvisioner(admin, topics, Duration.ofSeconds(60)).provisionAll();
      out.printf(
          "%-16s %d created, %d already there%n",
          "topics", report.created().size(), report.existing().size());
      if (report.hasDrift()) {
        out.println("warning: existing topics differ from the catalog (left unchanged):");
        out.println(report.describe());
      }
      return report;
    }
  }
}
