package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The rows {@link WireRows} makes of values in the wire format, held to the reference: the topic's
 * value deserializer followed by {@link TableRows#row}, byte for byte.
 */
final class ReferenceRows {

  static final int PARTITION = 3;
  static final long OFFSET = 42L;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final TopicSerdes serdes = new TopicSerdes(registry, Map.of());
  private final RecordHeaders headers = new RecordHeaders();

  ReferenceRows() {
    headers.add("tokenlens-authenticated-by", "api-key:5eec".getBytes(StandardCharsets.UTF_8));
  }

  InMemorySchemaRegistryClient registry() {
    return registry;
  }

  TopicSerdes serdes() {
    return serdes;
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The row as the sink made it before: a record object from the topic's deserializer, then the row
   * encoder.
   */
  String reference(Topic<?> topic, TableRows table, String topicName, String key, byte[] value) {
    SpecificRecord record = serdes.valueDeserializer(topic).deserialize(topicName, value);
    return hex(table.row(key, record, headers, PARTITION, OFFSET));
  }

  /** The row decoded straight from the value. */
  byte[] direct(WireRows wire, String topicName, String key, byte[] value) {
    return wire.row(topicName, key, value, headers, PARTITION, OFFSET);
  }

  /**
   * Asserts that every record, serialized for {@code topic}, becomes the reference row, read field
   * by field; returns the rows.
   */
  List<byte[]> assertSameRows(
      Topic<?> topic, TableRows table, List<? extends SpecificRecord> records) {
    String topicName = "t." + topic.name();
    WireRows wire = new WireRows(table, registry);
    @SuppressWarnings("unchecked")
    var serializer = serdes.valueSerializer((Topic<SpecificRecord>) topic);
    List<byte[]> rows = new ArrayList<>();
    for (SpecificRecord record : records) {
      byte[] value = serializer.serialize(topicName, record);
      String key = CatalogFixtures.keyOf(topic, record);
      assertThat(table.binaryRows(record.getSchema()).direct()).as(topic.name()).isTrue();
      byte[] row = direct(wire, topicName, key, value);
      assertThat(hex(row))
          .as(topic.name() + ": " + record)
          .isEqualTo(reference(topic, table, topicName, key, value));
      rows.add(row);
    }
    return rows;
  }
}
