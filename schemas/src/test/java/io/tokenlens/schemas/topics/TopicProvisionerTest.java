package io.tokenlens.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void shouldCreateEveryMissingTopicWithItsConfigs() {
    try (MockAdminClient admin = MockAdminClient.create().numBrokers(1).build()) {
      ProvisioningReport report =
          new TopicProvisioner(admin, TopicSettings.local(), TIMEOUT).provisionAll();

      assertThat(report.created())
          .hasSize(Topics.all().size())
          .contains("token-usage", "token-usage-dlq");
      assertThat(report.existing()).isEmpty();
      assertThat(report.hasDrift()).isFalse();
      assertThat(admin.listTopics().names().toCompletionStage().toCompletableFuture().join())
          .contains("directory", "model-prices", "burn-alerts");
    }
  }

  @Test
  void shouldBeIdempotent() {
    try (MockAdminClient admin = MockAdminClient.create().numBrokers(1).build()) {
      TopicProvisioner provisioner = new TopicProvisioner(admin, TopicSettings.local(), TIMEOUT);
      provisioner.provisionAll();

      ProvisioningReport second = provisioner.provisionAll();

      assertThat(second.created()).isEmpty();
      assertThat(second.existing()).hasSize(Topics.all().size());
      assertThat(second.drifts()).isEmpty();
    }
  }

  @Test
  void shouldReportAnExistingTopicThatDiffersWithoutChangingIt() {
    try (MockAdminClient admin = MockAdminClient.create().numBrokers(1).build()) {
      Node broker = admin.brokers().get(0);
      TopicPartitionInfo partition =
          new TopicPartitionInfo(0, broker, List.of(broker), List.of(broker));
      admin.addTopic(
          false, "t.token-usage", List.of(partition), Map.of("cleanup.policy", "compact"));
      TopicSettings settings = TopicSettings.local().withNamePrefix("t.");

      ProvisioningReport report =
          new TopicProvisioner(admin, settings, TIMEOUT)
              .provision(List.of(Topics.TOKEN_USAGE, Topics.PR_EVENTS));

      assertThat(report.created()).containsExactly("t.pr-events");
      assertThat(report.existing()).containsExactly("t.token-usage");
      assertThat(report.drifts())
          .contains(
              new TopicDrift("t.token-usage", "partitions", "6", "1"),
              new TopicDrift("t.token-usage", "cleanup.policy", "delete", "compact"));
      assertThat(report.describe())
          .contains("t.token-usage: partitions is 1, the catalog declares 6");
    }
  }
}
