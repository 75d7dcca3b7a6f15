package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TableMappingTest {

  @Test
  void shouldLandTheCollectorsAuthenticatedByHeaderInItsOwnColumn() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        "tokenlens-authenticated-by", "api-key:5eec0dc419aa8337".getBytes(StandardCharsets.UTF_8));
    for (TableMapping mapping :
        new TableMapping[] {
          SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED), SinkTables.forTopic(Topics.TOKEN_USAGE)
        }) {
      assertThat(mapping.extraColumns())
          .as(mapping.table())
          .containsExactly("authenticated_by", "kafka_partition", "kafka_offset");
      assertThat(mapping.extras("k", headers, 3, 42L))
          .containsExactly("api-key:5eec0dc419aa8337", 3, 42L);
      assertThat(mapping.extras("k", new RecordHeaders(), 3, 42L)).containsExactly("", 3, 42L);
      assertThat(mapping.columns()).contains("authenticated_by");
    }
    assertThat(SinkTables.forTopic(Topics.PR_EVENTS).columns()).doesNotContain("authenticated_by");
  }

  @Test
  void shouldFillTheDirectoryKeyAndTombstoneColumns() {
    TableMapping directory = SinkTables.forTopic(Topics.DIRECTORY);
    assertThat(directory.extras("engineer:e-7", null, 0, 1L))
        .containsExactly("engineer:e-7", 0, 1L);
    TableMapping.Tombstones tombstones = directory.tombstones().orElseThrow();
    assertThat(tombstones.values().values("budget:TEAM:core", 1234L, 0, 9L))
        .containsExactly("budget:TEAM:core", "BUDGET", 1234L, 1234L, 1, 0, 9L);
  }
}
