package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.ProvisioningReport;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicDrift;
// not this module's TopicProvisioner (the registry's own schema topic): the catalog's
import io.tokenlens.schemas.topics.TopicProvisioner;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog's {@link TopicProvisioner} against the real broker, every topic under the test
 * class's prefix: it creates what is missing with the catalog's partitions and configs, is
 * idempotent, and reports (never alters) an existing topic that differs.
 */
@StackTest
class TopicProvisionerIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @AfterAll
  static void deleteTopics(StackScope stack) {
    if (!"false".equalsIgnoreCase(System.getenv("TOKENLENS_TEST_CLEANUP"))) {
      KafkaForTests.deleteTopicsOf(stack);
    }
  }

  @Test
  void shouldCreateEveryCatalogTopicOnceWithItsPartitionsAndConfigs(StackScope stack)
      throws Exception {
    TopicSettings settings = TopicSettings.local().withNamePrefix(stack.topicPrefix() + "all.");
    List<String> names = Topics.all().stream().map(settings::name).toList();

    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      ProvisioningReport first = new TopicProvisioner(admin, settings, TIMEOUT).provisionAll();

      assertThat(first.created()).containsExactlyElementsOf(names);
      assertThat(first.existing()).isEmpty();
      assertThat(first.drifts()).isEmpty();
      Map<String, TopicDescription> descriptions = describe(admin, names);
      Map<String, Config> configs = configs(admin, names);
      for (Topic<?> topic : Topics.all()) {
        String name = settings.name(topic);
        assertThat(descriptions.get(name).partitions())
            .as("partitions of %s", name)
            .hasSize(settings.partitions(topic))
            .allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
        Config config = configs.get(name);
        assertThat(config.get("cleanup.policy").value())
            .as("cleanup.policy of %s", name)
            .isEqualTo(topic.cleanupPolicy().configValue());
        assertThat(config.get("retention.ms").value())
            .as("retention.ms of %s", name)
            .isEqualTo(Long.toString(topic.retentionMs()));
        settings
            .brokerConfigs(topic)
            .forEach(
                (key, value) ->
                    assertThat(config.get(key).value()).as("%s of %s", key, name).isEqualTo(value));
      }
      // the catalog's choices, spelled out for a few topics
      assertThat(descriptions.get(stack.topicPrefix() + "all.token-usage").partitions()).hasSize(6);
      assertThat(value(configs, stack.topicPrefix() + "all.token-usage", "retention.ms"))
          .isEqualTo("604800000");
      assertThat(
              value(
                  configs,
                  stack.topicPrefix() + "all.token-usage",
                  "message.timestamp.before.max.ms"))
          .isEqualTo("86400000");
      assertThat(descriptions.get(stack.topicPrefix() + "all.directory").partitions()).hasSize(1);
      assertThat(value(configs, stack.topicPrefix() + "all.directory", "cleanup.policy"))
          .isEqualTo("compact");
      assertThat(value(configs, stack.topicPrefix() + "all.directory", "retention.ms"))
          .isEqualTo("-1");
      assertThat(value(configs, stack.topicPrefix() + "all.provider-usage", "cleanup.policy"))
          .isEqualTo("compact,delete");
      assertThat(descriptions.get(stack.topicPrefix() + "all.token-usage-dlq").partitions())
          .hasSize(1);

      ProvisioningReport second = new TopicProvisioner(admin, settings, TIMEOUT).provisionAll();

      assertThat(second.created()).isEmpty();
      assertThat(second.existing()).containsExactlyElementsOf(names);
      assertThat(second.drifts()).isEmpty();
      assertThat(second.hasDrift()).isFalse();
    }
  }

  @Test
  void shouldReportATopicWithAnotherPartitionCountAsDriftAndLeaveItAlone(StackScope stack)
      throws Exception {
    TopicSettings settings = TopicSettings.local().withNamePrefix(stack.topicPrefix() + "drift.");
    String usage = settings.name(Topics.TOKEN_USAGE);
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      // the catalog's configs, two partitions instead of six
      createAndAwait(
          admin,
          new NewTopic(usage, 2, (short) 1).configs(settings.brokerConfigs(Topics.TOKEN_USAGE)));

      ProvisioningReport report =
          new TopicProvisioner(admin, settings, TIMEOUT)
              .provision(List.of(Topics.TOKEN_USAGE, Topics.AGENT_ACTIVITY));

      assertThat(report.existing()).containsExactly(usage);
      assertThat(report.created()).containsExactly(settings.name(Topics.AGENT_ACTIVITY));
      assertThat(report.drifts()).containsExactly(new TopicDrift(usage, "partitions", "6", "2"));
      assertThat(report.hasDrift()).isTrue();
      assertThat(report.describe()).contains(usage + ": partitions is 2, the catalog declares 6");
      assertThat(describe(admin, List.of(usage)).get(usage).partitions()).hasSize(2);
    }
  }

  @Test
  void shouldReportAnExistingTopicWhoseManagedConfigDiffers(StackScope stack) throws Exception {
    TopicSettings settings = TopicSettings.local().withNamePrefix(stack.topicPrefix() + "config.");
    String prices = settings.name(Topics.MODEL_PRICES);
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      // created by hand with the broker's defaults: delete instead of compact, finite retention
      createAndAwait(admin, new NewTopic(prices, 1, (short) 1));

      ProvisioningReport report =
          new TopicProvisioner(admin, settings, TIMEOUT).provision(List.of(Topics.MODEL_PRICES));

      assertThat(report.created()).isEmpty();
      assertThat(report.existing()).containsExactly(prices);
      assertThat(report.drifts())
          .contains(new TopicDrift(prices, "cleanup.policy", "compact", "delete"));
      assertThat(report.drifts())
          .filteredOn(d -> d.property().equals("retention.ms"))
          .singleElement()
          .satisfies(d -> assertThat(d.expected()).isEqualTo("-1"));
      assertThat(report.drifts()).extracting(TopicDrift::property).doesNotContain("partitions");
      assertThat(value(configs(admin, List.of(prices)), prices, "cleanup.policy"))
          .isEqualTo("delete");
    }
  }

  /**
   * Creates {@code topic} and waits until the broker describes it: right after creation it may
   * still answer UNKNOWN_TOPIC_OR_PARTITION, which the provisioner does not retry.
   */
  private static void createAndAwait(Admin admin, NewTopic topic) throws Exception {
    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    Waits.until(
        "topic " + topic.name() + " to be described",
        Waits.LONG,
        () -> describe(admin, List.of(topic.name())).containsKey(topic.name()));
  }

  private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
      throws Exception {
    return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
  }

  private static Map<String, Config> configs(Admin admin, List<String> names) throws Exception {
    Map<ConfigResource, Config> byResource =
        admin
            .describeConfigs(
                names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList())
            .all()
            .get(30, TimeUnit.SECONDS);
    return byResource.entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
  }

  private static String value(Map<String, Config> configs, String topic, String key) {
    return configs.get(topic).get(key).value();
  }
}
