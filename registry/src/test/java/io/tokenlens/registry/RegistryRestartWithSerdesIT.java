package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.serde.GenericAvroSerializer;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A registry instance of its own (in-process, on the stack's broker, its own schema topic) that the
 * catalog's serdes register every value schema with, restarted on the same topic and port: the new
 * instance answers every id and version as before, bytes written before the restart read back after
 * it, and a schema registered after it gets an id of its own.
 */
@StackTest
class RegistryRestartWithSerdesIT {
  private KafkaForTests kafka;

  /** What one catalog topic's serializer wrote and the registry answered for its subject. */
  private record Written(Topic<?> topic, SpecificRecord value, byte[] bytes, int id, int version) {}

  @BeforeEach
  void schemaTopic(StackScope stack) {
    kafka = new KafkaForTests(stack, "serdes");
  }

  @AfterEach
  void stopInstances() {
    kafka.close();
  }

  @Test
  void shouldKeepEveryCatalogIdAndVersionAndReadOldBytesAfterARestart(StackScope stack) {
    TopicSettings settings = TopicSettings.local().withNamePrefix(stack.topicPrefix());
    SchemaRegistryServer first = kafka.start();
    URI url = first.url();
    RegistryClient before = new RegistryClient(url);
    Map<String, Written> written = new LinkedHashMap<>();
    try (TopicSerdes serdes = new TopicSerdes(serdeConfig(url))) {
      for (Topic<?> topic : Topics.all()) {
        String name = settings.name(topic);
        written.put(name, write(serdes, topic, name, before));
      }
    }
    JsonNode subjectsBefore = before.get("/subjects").json();
    first.close();

    SchemaRegistryServer second = kafka.start("--port", Integer.toString(first.port()));
    RegistryClient after = new RegistryClient(second.url());

    assertThat(second.url()).isEqualTo(url);
    assertThat(second.isWriter()).isTrue();
    assertThat(after.get("/subjects").json()).isEqualTo(subjectsBefore).hasSize(written.size());
    Set<Integer> ids = new TreeSet<>();
    try (TopicSerdes serdes = new TopicSerdes(serdeConfig(url))) {
      written.forEach(
          (name, w) -> {
            JsonNode latest = latest(after, name);
            assertThat(latest.get("id").asInt()).as("id of %s-value", name).isEqualTo(w.id());
            assertThat(latest.get("version").asInt())
                .as("version of %s-value", name)
                .isEqualTo(w.version());
            assertThat(read(serdes, w.topic(), name, w.bytes()))
                .as("%s read after the restart", name)
                .isEqualTo(w.value());
            ids.add(w.id());
          });
    }
    // 16 value types: topics sharing one (the dead-letter topics, raw and enriched usage) share
    // its id
    assertThat(ids).hasSize(Topics.all().stream().map(Topic::valueType).distinct().toList().size());

    String usageTopic = settings.name(Topics.TOKEN_USAGE);
    int evolved = registerEvolvedTokenUsage(url, usageTopic);
    int unrelated = after.register(stack.topic("new-value"), Schemas.unique());

    assertThat(evolved)
        .isNotIn(ids)
        .isGreaterThan(ids.stream().mapToInt(i -> i).max().orElseThrow());
    assertThat(unrelated).isNotIn(ids).isNotEqualTo(evolved);
    assertThat(latest(after, usageTopic).get("version").asInt()).isEqualTo(2);
    assertThat(after.get("/schemas/ids/" + written.get(usageTopic).id() + "/schema").body())
        .isEqualTo(TokenUsage.getClassSchema().toString());
  }

  private static Map<String, Object> serdeConfig(URI registry) {
    return Map.of("schema.registry.url", registry.toString(), "auto.register.schemas", true);
  }

  private static <V extends SpecificRecord> Written write(
      TopicSerdes serdes, Topic<V> topic, String name, RegistryClient registry) {
    V value = CatalogFixtures.valueOf(topic);
    byte[] bytes = serdes.valueSerializer(topic).serialize(name, value);
    JsonNode latest = latest(registry, name);
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt())
        .as("id written for %s", name)
        .isEqualTo(latest.get("id").asInt());
    return new Written(
        topic, value, bytes, latest.get("id").asInt(), latest.get("version").asInt());
  }

  /** Read with a serde created after the restart: nothing is cached from before. */
  private static <V extends SpecificRecord> V read(
      TopicSerdes serdes, Topic<V> topic, String name, byte[] bytes) {
    return serdes.valueDeserializer(topic).deserialize(name, bytes);
  }

  /** TokenUsage plus an optional field, registered by the generic serializer; returns its id. */
  private static int registerEvolvedTokenUsage(URI registry, String topic) {
    Schema v2 = AvroValues.withOptionalString(TokenUsage.getClassSchema(), "region");
    GenericRecord record =
        AvroValues.asGeneric(
            CatalogFixtures.valueOf(Topics.TOKEN_USAGE), v2, Map.of("region", "eu-west-1"));
    try (GenericAvroSerializer serializer = new GenericAvroSerializer()) {
      serializer.configure(serdeConfig(registry), false);
      return ByteBuffer.wrap(serializer.serialize(topic, record), 1, 4).getInt();
    }
  }

  private static JsonNode latest(RegistryClient registry, String topic) {
    RegistryClient.Reply reply =
        registry.get("/subjects/" + RegistryClient.encode(topic + "-value") + "/versions/latest");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }
}
