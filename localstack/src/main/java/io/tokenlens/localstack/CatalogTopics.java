package io.tokenlens.localstack;

import io.tokenlens.schemas.topics.ProvisioningReport;
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.TopicSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Creates the topic catalog's topics on the local broker (automatic topic creation is off), with
 * the single-broker settings: replication factor and {@code min.insync.replicas} 1.
 */
final class CatalogTopics {
  private CatalogTopics() {}

  static ProvisioningReport provision(StackSettings settings, PrintStream out) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers()))) {
      ProvisioningReport report =
          new TopicProvisioner(admin, TopicSettings.local(), Duration.ofSeconds(60)).provisionAll();
      out.printf("%-16s %d created, %d already there%n", "topics",
          report.created().size(), report.existing().size());
      if (report.hasDrift()) {
        out.println("warning: existing topics differ from the catalog (left unchanged):");
        out.println(report.describe());
      }
      return report;
    }
  }
}
