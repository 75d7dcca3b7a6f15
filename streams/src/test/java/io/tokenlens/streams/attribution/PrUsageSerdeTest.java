package io.tokenlens.streams.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.fixtures.TokenUsages;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PrUsageSerdeTest {

  private final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistryClient(), Map.of());
  private final Serde<TokenUsage> avro = serdes.valueSerde(Topics.TOKEN_USAGE_ENRICHED);
  private final PrUsageSerde serde = new PrUsageSerde(avro.deserializer());

  @Test
  void shouldKeepEveryFieldTheAttributionReadsInFewerBytesThanAvro() {
    TokenUsage usage = TokenUsages.aRequest().engineer("eng-1").session("s-1").repository("acme/api")
        .tokens(1000, 200, 30, 400).at(Instant.parse("2026-03-02T10:00:00.123Z"))
        .with(b -> b.setBranch("feature/x").setComputedCostUsd(0.25)).build();

    byte[] bytes = serde.serializer().serialize("t", usage);
    TokenUsage back = serde.deserializer().deserialize("t", bytes);

    assertThat(bytes.length).isLessThan(avro.serializer().serialize("t", usage).length);
    assertThat(projected(back)).isEqualTo(projected(usage));
    assertThat(back.getModel()).isNull(); // not carried
  }

  @Test
  void shouldCarryUnsetOptionalFieldsAsUnset() {
    TokenUsage usage = TokenUsages.aRequest().engineer("eng-1").at(Instant.parse("2026-03-02T10:00:00Z"))
        .with(b -> b.setSessionId(null).setRepository(null).setBranch(null).setComputedCostUsd(null)).build();

    TokenUsage back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", usage));

    assertThat(projected(back)).isEqualTo(projected(usage));
    assertThat(back.getComputedCostUsd()).isNull();
  }

  @Test
  void shouldReadAWholeTokenUsageWrittenInAvroBeforeThisFormat() {
    TokenUsage usage = TokenUsages.aRequest().engineer("eng-1").repository("acme/api").build();

    TokenUsage back = serde.deserializer().deserialize("t", avro.serializer().serialize("t", usage));

    assertThat(back).isEqualTo(usage);
  }

  @Test
  void shouldRefuseAnUnknownFormatSayingWhatItFound() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {7, 1, 2}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("format 7");
  }

  private static String projected(SpecificRecord r) {
    TokenUsage u = (TokenUsage) r;
    return String.join("|", u.getEventId(), u.getSessionId() + "", u.getEngineerId() + "", u.getRepository() + "",
        u.getBranch() + "", u.getOccurredAt() + "", u.getInputTokens() + "", u.getCacheReadTokens() + "",
        u.getCacheWriteTokens() + "", u.getOutputTokens() + "", u.getComputedCostUsd() + "");
  }
}
