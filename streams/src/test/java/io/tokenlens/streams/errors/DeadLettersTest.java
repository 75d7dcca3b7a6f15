package io.tokenlens.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final TopicSerdes serdes = new TopicSerdes(registry, Map.of());
  private final DeadLetters deadLetters =
      new DeadLetters(
          TopicSettings.local().withNamePrefix("p."),
          serdes,
          Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void shouldRouteACatalogTopicToItsOwnDeadLetterTopic() {
    assertThat(deadLetters.deadLetterTopicFor("p.token-usage")).isEqualTo("p.token-usage-dlq");
    assertThat(deadLetters.deadLetterTopicFor("p.directory")).isEqualTo("p.directory-dlq");
  }

  @Test
  void shouldRouteInternalTopicsAndPunctuationsToTheEnrichedStreamsDeadLetterTopic() {
    assertThat(deadLetters.deadLetterTopicFor("tokenlens-streams-rollup-by-dimension-repartition"))
        .isEqualTo("p.token-usage-enriched-dlq");
    assertThat(deadLetters.deadLetterTopicFor(null)).isEqualTo("p.token-usage-enriched-dlq");
    assertThat(deadLetters.deadLetterTopicFor("p.late-records"))
        .isEqualTo("p.token-usage-enriched-dlq");
  }

  @Test
  void shouldCarryTopicPartitionOffsetRawRecordAndTheErrorWithoutSignatureHeaders() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    headers.add("X-Hub-Signature-256", "secret".getBytes(StandardCharsets.UTF_8));
    List<ProducerRecord<byte[], byte[]>> records =
        deadLetters.record(
            "streams-token-usage-enrich",
            "p.token-usage",
            3,
            42L,
            "k".getBytes(StandardCharsets.UTF_8),
            new byte[] {0, 1, 2},
            headers,
            new IllegalStateException("x".repeat(3000)));

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo("p.token-usage-dlq");
              assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k");
              DeadLetter letter =
                  serdes
                      .valueDeserializer(Topics.deadLetterTopic(Topics.TOKEN_USAGE).orElseThrow())
                      .deserialize(r.topic(), r.value());
              assertThat(letter.getSourceTopic()).isEqualTo("p.token-usage");
              assertThat(letter.getSourcePartition()).isEqualTo(3);
              assertThat(letter.getSourceOffset()).isEqualTo(42L);
              assertThat(letter.getFailedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
              assertThat(letter.getErrorClass()).isEqualTo(IllegalStateException.class.getName());
              assertThat(letter.getErrorMessage()).hasSize(DeadLetters.MAX_MESSAGE);
              assertThat(letter.getHeaders()).containsOnlyKeys("trace");
            });
  }

  @Test
  void shouldKeyALetterWithoutRecordKeyByTheComponent() {
    List<ProducerRecord<byte[], byte[]>> records =
        deadLetters.record(
            "streams-rollup-emit",
            null,
            null,
            null,
            null,
            null,
            null,
            new RuntimeException("boom"));

    assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo("streams-rollup-emit");
    assertThat(records.get(0).topic()).isEqualTo("p.token-usage-enriched-dlq");
  }
}
