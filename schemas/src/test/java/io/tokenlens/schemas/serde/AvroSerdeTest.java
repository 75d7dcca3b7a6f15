package io.tokenlens.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageSource;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.registry.MockSchemaRegistry;
import io.tokenlens.schemas.registry.SchemaNotRegisteredException;
import io.tokenlens.schemas.registry.SchemaRegistryClient;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  private static final String TOPIC = "token-usage";
  private static final String MOCK_SCOPE = "avro-serde-test";

  @AfterEach
  void dropMock() {
    MockSchemaRegistry.dropScope(MOCK_SCOPE);
  }

  static TokenUsage usage() {
    return TokenUsage.newBuilder()
        .setEventId("ev-1")
        .setOccurredAt(Instant.parse("2026-03-01T10:15:30.123Z"))
        .setAcceptedAt(Instant.parse("2026-03-01T10:15:31Z"))
        .setSource(UsageSource.CLAUDE_CODE)
        .setProvider("anthropic")
        .setModel("claude-sonnet-4-5")
        .setSessionId("s-1")
        .setInputTokens(1200L)
        .setCacheReadTokens(40_000L)
        .setOutputTokens(350L)
        .setReportedCostUsd(0.0421)
        .setStatus(RequestStatus.SUCCESS)
        .build();
  }

  @Test
  void shouldRoundTripAGeneratedRecordWithLogicalTypes() {
    SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    SpecificAvroSerde<TokenUsage> serde = new SpecificAvroSerde<>(TokenUsage.class, registry);
    serde.configure(Map.of(), false);

    byte[] bytes = serde.serializer().serialize(TOPIC, usage());
    TokenUsage back = serde.deserializer().deserialize(TOPIC, bytes);

    assertThat(back).isEqualTo(usage());
    assertThat(back.getOccurredAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
    assertThat(registry.latest("token-usage-value").schema())
        .isEqualTo(TokenUsage.getClassSchema());
  }

  @Test
  void shouldUseTopicNameStrategyForKeysAndValues() {
    SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    SpecificAvroSerializer<TokenUsage> keySerializer = new SpecificAvroSerializer<>(registry);
    keySerializer.configure(Map.of(), true);

    keySerializer.serialize(TOPIC, usage());

    assertThat(registry.latest("token-usage-key").schema()).isEqualTo(TokenUsage.getClassSchema());
  }

  @Test
  void shouldKeepTombstonesNull() {
    SpecificAvroSerde<TokenUsage> serde =
        new SpecificAvroSerde<>(TokenUsage.class, new InMemorySchemaRegistryClient());
    serde.configure(Map.of(), false);

    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void shouldReadGenericRecordsInTheWritersSchema() {
    SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    SpecificAvroSerializer<TokenUsage> serializer = new SpecificAvroSerializer<>(registry);
    serializer.configure(Map.of(), false);
    GenericAvroDeserializer deserializer = new GenericAvroDeserializer(registry, null);
    deserializer.configure(Map.of(), false);

    GenericRecord record = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, usage()));

    assertThat(record).isNotInstanceOf(TokenUsage.class);
    assertThat(record.get("inputTokens")).isEqualTo(1200L);
    assertThat(record.get("occurredAt"))
        .isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z").toEpochMilli());
  }

  @Test
  void shouldBuildDeserializersFromConfigurationThroughAMockRegistry() {
    Map<String, Object> configs = Map.of("schema.registry.url", "mock://" + MOCK_SCOPE);
    SpecificAvroSerializer<TokenUsage> serializer = new SpecificAvroSerializer<>();
    serializer.configure(configs, false);
    SpecificAvroDeserializer<TokenUsage> byWriterName = new SpecificAvroDeserializer<>();
    byWriterName.configure(configs, false);
    GenericAvroDeserializer specificReader = new GenericAvroDeserializer();
    specificReader.configure(
        Map.of("schema.registry.url", "mock://" + MOCK_SCOPE, "specific.avro.reader", "true"),
        false);

    byte[] bytes = serializer.serialize(TOPIC, usage());

    assertThat(byWriterName.deserialize(TOPIC, bytes)).isEqualTo(usage());
    assertThat(specificReader.deserialize(TOPIC, bytes)).isEqualTo(usage());
  }

  @Test
  void shouldRefuseAnUnregisteredSchemaWhenAutoRegisterIsOff() {
    SpecificAvroSerializer<TokenUsage> serializer =
        new SpecificAvroSerializer<>(new InMemorySchemaRegistryClient());
    serializer.configure(Map.of("auto.register.schemas", "false"), false);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, usage()))
        .isInstanceOf(SchemaNotRegisteredException.class)
        .hasMessageContaining("token-usage-value")
        .hasMessageContaining("auto.register.schemas");
  }

  @Test
  void shouldLookUpARegisteredSchemaWhenAutoRegisterIsOff() {
    SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    int id = registry.register("token-usage-value", TokenUsage.getClassSchema());
    SpecificAvroSerializer<TokenUsage> serializer = new SpecificAvroSerializer<>(registry);
    serializer.configure(Map.of("auto.register.schemas", false), false);

    byte[] bytes = serializer.serialize(TOPIC, usage());

    assertThat(WireFormat.schemaId(TOPIC, bytes)).isEqualTo(id);
  }

  @Test
  void shouldReadOldDataIntoANewerReaderSchema() {
    Schema v1 =
        SchemaBuilder.record("Ping").namespace("test").fields().requiredLong("n").endRecord();
    Schema v2 =
        SchemaBuilder.record("Ping")
            .namespace("test")
            .fields()
            .requiredLong("n")
            .optionalString("note")
            .name("count")
            .type()
            .intType()
            .intDefault(3)
            .endRecord();
    SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    GenericAvroSerializer serializer = new GenericAvroSerializer(registry);
    serializer.configure(Map.of(), false);
    GenericAvroDeserializer reader = new GenericAvroDeserializer(registry, v2);
    reader.configure(Map.of(), false);
    GenericRecord old = new GenericData.Record(v1);
    old.put("n", 7L);

    GenericRecord read = reader.deserialize("pings", serializer.serialize("pings", old));

    assertThat(read.getSchema()).isEqualTo(v2);
    assertThat(read.get("n")).isEqualTo(7L);
    assertThat(read.get("note")).isNull();
    assertThat(read.get("count")).isEqualTo(3);
  }

  @Test
  void shouldWriteWithTheLatestVersionWhenAsked() {
    Schema v1 =
        SchemaBuilder.record("Ping").namespace("test").fields().requiredLong("n").endRecord();
    Schema v2 =
        SchemaBuilder.record("Ping")
            .namespace("test")
            .fields()
            .requiredLong("n")
            .optionalString("note")
            .endRecord();
    SchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    registry.register("pings-value", v1);
    int latestId = registry.register("pings-value", v2);
    GenericAvroSerializer serializer = new GenericAvroSerializer(registry);
    serializer.configure(
        Map.of("auto.register.schemas", "false", "use.latest.version", "true"), false);
    GenericAvroDeserializer deserializer = new GenericAvroDeserializer(registry, null);
    deserializer.configure(Map.of(), false);
    GenericRecord old = new GenericData.Record(v1);
    old.put("n", 7L);

    byte[] bytes = serializer.serialize("pings", old);
    GenericRecord read = deserializer.deserialize("pings", bytes);

    assertThat(WireFormat.schemaId("pings", bytes)).isEqualTo(latestId);
    assertThat(read.getSchema()).isEqualTo(v2);
    assertThat(read.get("n")).isEqualTo(7L);
  }

  @Test
  void shouldRefuseInvalidConfigurationListingValidValues() {
    SpecificAvroSerializer<TokenUsage> serializer = new SpecificAvroSerializer<>();

    assertThatThrownBy(
            () ->
                serializer.configure(
                    Map.of(
                        "schema.registry.url",
                        "http://127.0.0.1:1",
                        "auto.register.schemas",
                        "yes",
                        "value.subject.name.strategy",
                        "RecordNameStrategy"),
                    false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("auto.register.schemas must be true or false but is 'yes'")
        .hasMessageContaining("value.subject.name.strategy must be one of TopicNameStrategy");
  }

  @Test
  void shouldRequireTheRegistryUrlWithoutASuppliedClient() {
    assertThatThrownBy(() -> new SpecificAvroSerializer<TokenUsage>().configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url is required");
  }

  @Test
  void shouldRefuseARecordMissingARequiredField() {
    SpecificAvroSerializer<TokenUsage> serializer =
        new SpecificAvroSerializer<>(new InMemorySchemaRegistryClient());
    serializer.configure(Map.of(), false);
    TokenUsage broken = usage();
    broken.setModel(null);

    assertThatThrownBy(() -> serializer.serialize(TOPIC, broken))
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
        .hasMessageContaining("TokenUsage")
        .hasMessageContaining("'token-usage'");
  }
}
