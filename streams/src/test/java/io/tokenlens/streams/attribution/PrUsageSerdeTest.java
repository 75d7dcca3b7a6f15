package io.tokenlens.streams.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PrUsageSerdeTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00.123Z");
  private final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistryClient(), Map.of());
  private final Serde<TokenUsage> avro = serdes.valueSerde(Topics.TOKEN_USAGE_ENRICHED);
  private final PrUsageSerde serde = new PrUsageSerde(avro.deserializer());

  @Test
  void shouldKeepEverySumOfAPartInFewerBytesThanOneRequestInAvro() {
    TokenUsage first =
        request().at(T0.plusSeconds(5)).with(b -> b.setComputedCostUsd(0.25)).build();
    TokenUsage second = request().at(T0).with(b -> b.setComputedCostUsd(0.5)).build();
    PrUsagePart part = PrUsagePart.of(first);
    part.sums().add(second);

    byte[] bytes = serde.serializer().serialize("t", part);
    PrUsagePart back = serde.deserializer().deserialize("t", bytes);

    assertThat(bytes[0]).isEqualTo(PrUsageSerde.SUMS);
    assertThat(bytes.length).isLessThan(avro.serializer().serialize("t", first).length);
    assertThat(summary(back))
        .isEqualTo(
            "acme/api|eng-1|feature/x|s-1|2|2000|400|60|800|0.75|" + T0 + "|" + T0.plusSeconds(5));
  }

  @Test
  void shouldCarryUnsetEngineerSessionAndBranchAsUnset() {
    TokenUsage usage =
        request()
            .at(T0)
            .with(
                b ->
                    b.setEngineerId(null)
                        .setSessionId(null)
                        .setBranch(null)
                        .setComputedCostUsd(null))
            .build();

    PrUsagePart back =
        serde
            .deserializer()
            .deserialize("t", serde.serializer().serialize("t", PrUsagePart.of(usage)));

    assertThat(summary(back))
        .isEqualTo("acme/api|null|null|null|1|1000|200|30|400|0.0|" + T0 + "|" + T0);
  }

  @Test
  void shouldReadARequestWrittenBeforeSumsAsAPartOfOneRequest() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeUTF("ev-1");
      for (String field : new String[] {"s-1", "eng-1", "acme/api", "feature/x"}) {
        out.writeBoolean(true);
        out.writeUTF(field);
      }
      out.writeLong(T0.toEpochMilli());
      for (long tokens : new long[] {1000, 200, 30, 400}) {
        out.writeLong(tokens);
      }
      out.writeBoolean(true);
      out.writeDouble(0.25);
    }

    PrUsagePart back = serde.deserializer().deserialize("t", bytes.toByteArray());

    assertThat(summary(back))
        .isEqualTo("acme/api|eng-1|feature/x|s-1|1|1000|200|30|400|0.25|" + T0 + "|" + T0);
  }

  @Test
  void shouldReadAWholeTokenUsageWrittenInAvroBeforeThat() {
    TokenUsage usage = request().at(T0).with(b -> b.setComputedCostUsd(0.25)).build();

    PrUsagePart back =
        serde.deserializer().deserialize("t", avro.serializer().serialize("t", usage));

    assertThat(summary(back))
        .isEqualTo("acme/api|eng-1|feature/x|s-1|1|1000|200|30|400|0.25|" + T0 + "|" + T0);
  }

  @Test
  void shouldRefuseAnUnknownFormatSayingWhatItFound() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {7, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("format 7");
  }

  private static TokenUsages.Builder request() {
    return TokenUsages.aRequest()
        .engineer("eng-1")
        .session("s-1")
        .repository("acme/api")
        .tokens(1000, 200, 30, 400)
        .with(b -> b.setBranch("feature/x"));
  }

  private static String summary(PrUsagePart p) {
    UnmatchedUsage.Part s = p.sums();
    return String.join(
        "|",
        p.repository(),
        p.engineerId() + "",
        s.branch + "",
        s.session + "",
        s.requests + "",
        s.inputTokens + "",
        s.cacheReadTokens + "",
        s.cacheWriteTokens + "",
        s.outputTokens + "",
        s.costUsd + "",
        s.first + "",
        s.last + "");
  }
}
