package io.tokenlens.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

  @Test
  void shouldDefaultToASingleLocalBroker() {
    TopicSettings local = TopicSettings.fromConfig(Map.of());

    assertThat(local).isEqualTo(TopicSettings.local());
    assertThat(local.replicationFactor()).isEqualTo((short) 1);
    assertThat(local.minInsyncReplicas()).isEqualTo(1);
    assertThat(local.partitions(Topics.TOKEN_USAGE))
        .isEqualTo(TopicSettings.DEFAULT_STREAM_PARTITIONS);
    assertThat(local.partitions(Topics.DIRECTORY)).isEqualTo(1);
  }

  @Test
  void shouldReplicateThreeTimesWithTwoInSyncOnThreeOrMoreBrokers() {
    assertThat(TopicSettings.forBrokers(1)).isEqualTo(TopicSettings.local());
    assertThat(TopicSettings.forBrokers(2))
        .extracting(TopicSettings::replicationFactor, TopicSettings::minInsyncReplicas)
        .containsExactly((short) 2, 1);
    assertThat(TopicSettings.forBrokers(3))
        .extracting(TopicSettings::replicationFactor, TopicSettings::minInsyncReplicas)
        .containsExactly((short) 3, 2);
    assertThat(TopicSettings.forBrokers(5).newTopic(Topics.TOKEN_USAGE).replicationFactor())
        .isEqualTo((short) 3);
    assertThatThrownBy(() -> TopicSettings.forBrokers(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReadClusterSettings() {
    TopicSettings settings =
        TopicSettings.fromConfig(
            Map.of(
                "topics.name.prefix",
                "t1.",
                "topics.stream.partitions",
                "12",
                "topics.replication.factor",
                3,
                "topics.min.insync.replicas",
                "2"));

    assertThat(settings.name(Topics.PR_EVENTS)).isEqualTo("t1.pr-events");
    assertThat(settings.newTopic(Topics.PR_EVENTS).numPartitions()).isEqualTo(12);
    assertThat(settings.newTopic(Topics.PR_EVENTS).replicationFactor()).isEqualTo((short) 3);
    assertThat(settings.brokerConfigs(Topics.PR_EVENTS)).containsEntry("min.insync.replicas", "2");
  }

  @Test
  void shouldReportEveryInvalidSettingAtOnce() {
    assertThatThrownBy(
            () ->
                TopicSettings.fromConfig(
                    Map.of("topics.stream.partitions", "many", "topics.replication.factor", "0")))
        .hasMessageContaining("topics.stream.partitions must be an integer but is 'many'");
    assertThatThrownBy(
            () ->
                TopicSettings.fromConfig(
                    Map.of("topics.stream.partitions", "0", "topics.min.insync.replicas", "2")))
        .hasMessageContaining("topics.stream.partitions must be at least 1")
        .hasMessageContaining(
            "topics.min.insync.replicas must be between 1 and topics.replication.factor (1)");
  }

  @Test
  void shouldTranslateTheCatalogIntoBrokerConfigs() {
    Map<String, String> compacted = TopicSettings.local().brokerConfigs(Topics.DIRECTORY);
    Map<String, String> ingest = TopicSettings.local().brokerConfigs(Topics.TOKEN_USAGE);
    Map<String, String> derived = TopicSettings.local().brokerConfigs(Topics.USAGE_ROLLUPS);

    assertThat(compacted)
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("retention.ms", "-1");
    assertThat(ingest)
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(7L * 24 * 3600 * 1000))
        .containsEntry("message.timestamp.before.max.ms", Long.toString(24L * 3600 * 1000))
        .containsEntry("message.timestamp.after.max.ms", Long.toString(3600L * 1000));
    assertThat(derived)
        .containsEntry("cleanup.policy", "compact,delete")
        .containsEntry("message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE))
        .containsEntry("message.timestamp.after.max.ms", Long.toString(24L * 3600 * 1000));
  }
}
