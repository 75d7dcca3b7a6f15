package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.topics.TopicSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogTopicsTest {

  @Test
  void shouldReadTheTopicSettingsFromTheirEnvironmentVariables() {
    Map<String, String> keys =
        CatalogTopics.topicKeys(
            Map.of(
                "TOKENLENS_TOPICS_REPLICATION_FACTOR", "3",
                "TOKENLENS_TOPICS_MIN_INSYNC_REPLICAS", " 2 ",
                "TOKENLENS_TOPICS_STREAM_PARTITIONS", "12",
                "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS", "kafka:19092"));

    TopicSettings settings = TopicSettings.fromConfig(keys);

    assertThat(settings.replicationFactor()).isEqualTo((short) 3);
    assertThat(settings.minInsyncReplicas()).isEqualTo(2);
    assertThat(settings.streamPartitions()).isEqualTo(12);
    assertThat(settings.namePrefix()).isEmpty();
  }

  @Test
  void shouldReportEveryInvalidTopicSettingAtOnce() {
    Map<String, String> keys =
        CatalogTopics.topicKeys(
            Map.of(
                "TOKENLENS_TOPICS_REPLICATION_FACTOR", "three",
                "TOKENLENS_TOPICS_STREAM_PARTITIONS", "6x"));

    assertThatThrownBy(() -> TopicSettings.fromConfig(keys))
        .hasMessageContaining("topics.replication.factor")
        .hasMessageContaining("topics.stream.partitions");
  }
}
