package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.fixtures.DirectoryEntries;
import io.tokenlens.testkit.fixtures.TokenUsages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class AvroJsonRowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldWriteSnakeCaseColumnsEpochMillisAndEnumSymbols() throws Exception {
    Instant at = Instant.parse("2026-11-20T10:15:30.123Z");
    TokenUsage usage = TokenUsages.aRequest().eventId("e-1").at(at).failed("overloaded", 529).build();
    byte[] row = SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED).row("k", usage, 4, 42);
    assertThat(row[row.length - 1]).isEqualTo((byte) '\n');
    JsonNode node = JSON.readTree(row);
    assertThat(node.get("event_id").asText()).isEqualTo("e-1");
    assertThat(node.get("occurred_at").asLong()).isEqualTo(at.toEpochMilli());
    assertThat(node.get("status").asText()).isEqualTo("ERROR");
    assertThat(node.get("http_status_code").asInt()).isEqualTo(529);
    assertThat(node.get("kafka_partition").asInt()).isEqualTo(4);
    assertThat(node.get("kafka_offset").asLong()).isEqualTo(42);
  }

  @Test
  void shouldLandTheCollectorsAuthenticatedByHeaderInItsOwnColumn() throws Exception {
    TokenUsage usage = TokenUsages.aRequest().eventId("e-2").apiKey("claimed-key").build();
    RecordHeaders headers = new RecordHeaders();
    headers.add("tokenlens-authenticated-by", "api-key:5eec0dc419aa8337".getBytes(StandardCharsets.UTF_8));

    for (TableMapping mapping : List.of(SinkTables.forTopic(Topics.TOKEN_USAGE_ENRICHED),
        SinkTables.forTopic(Topics.TOKEN_USAGE))) {
      JsonNode marked = JSON.readTree(mapping.row("k", usage, headers, 0, 1));
      JsonNode unmarked = JSON.readTree(mapping.row("k", usage, new RecordHeaders(), 0, 2));

      assertThat(marked.get("authenticated_by").asText()).as(mapping.table()).isEqualTo("api-key:5eec0dc419aa8337");
      assertThat(marked.get("api_key_id").asText()).isEqualTo(usage.getApiKeyId());
      assertThat(unmarked.get("authenticated_by").asText()).as(mapping.table()).isEmpty();
      assertThat(mapping.columns()).contains("authenticated_by");
    }
    assertThat(SinkTables.forTopic(Topics.PR_EVENTS).columns()).doesNotContain("authenticated_by");
  }

  @Test
  void shouldFlattenNestedRecordsWithTheFieldNameAsPrefix() throws Exception {
    DirectoryEntry entry = DirectoryEntries.anEngineer("e-7", "payments").build();
    JsonNode node = JSON.readTree(SinkTables.forTopic(Topics.DIRECTORY).row("engineer:e-7", entry, 0, 1));
    assertThat(node.get("kind").asText()).isEqualTo("ENGINEER");
    assertThat(node.get("engineer_engineer_id").asText()).isEqualTo("e-7");
    assertThat(node.get("engineer_team").asText()).isEqualTo("payments");
    assertThat(node.get("entry_key").asText()).isEqualTo("engineer:e-7");
    assertThat(node.has("identity")).isFalse();
  }

  @Test
  void shouldStoreADirectoryTombstoneAsADeletedVersion() throws Exception {
    TableMapping directory = SinkTables.forTopic(Topics.DIRECTORY);
    JsonNode node = JSON.readTree(directory.tombstones().orElseThrow().row("budget:TEAM:core", 1234L, 0, 9));
    assertThat(node.get("kind").asText()).isEqualTo("BUDGET");
    assertThat(node.get("deleted").asInt()).isEqualTo(1);
    assertThat(node.get("version").asLong()).isEqualTo(1234L);
  }

  @Test
  void shouldConvertFieldNamesToColumnNames() {
    assertThat(AvroJsonRow.column("httpStatusCode")).isEqualTo("http_status_code");
    assertThat(AvroJsonRow.column("inputUsdPerMillion")).isEqualTo("input_usd_per_million");
    assertThat(AvroJsonRow.column("number")).isEqualTo("number");
  }
}
