package io.tokenlens.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every group of topics the job joins (possibly after repartitioning them to a common key) has one
 * partition count, on the local settings and on a cluster sized differently; the global tables are
 * read whole and need no co-partitioning.
 */
class CopartitioningTest {

  @Test
  void shouldGiveEveryJoinedGroupOfTopicsOnePartitionCount() {
    for (TopicSettings settings :
        List.of(TopicSettings.local(), new TopicSettings("", 24, (short) 3, 2))) {
      for (Set<Topic<?>> group : Topics.COPARTITIONED) {
        Set<Integer> counts = group.stream().map(settings::partitions).collect(Collectors.toSet());
        assertThat(counts).as("partition counts of %s with %s", group, settings).hasSize(1);
      }
    }
  }

  @Test
  void shouldKeepTheEnrichmentInputAndOutputStreamsOnTheStreamPartitionCount() {
    TopicSettings settings = new TopicSettings("", 12, (short) 1, 1);
    assertThat(settings.partitions(Topics.TOKEN_USAGE)).isEqualTo(12);
    assertThat(settings.partitions(Topics.TOKEN_USAGE_ENRICHED)).isEqualTo(12);
    assertThat(settings.partitions(Topics.USAGE_ROLLUPS)).isEqualTo(12);
  }
}
