package io.tokenlens.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * JSON keys and values of the {@code _schemas} topic, modelled on Confluent's:
 *
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 * value {"subject":"s","version":1,"id":7,"schema":"...","deleted":false}   (null: hard delete)
 * key   {"keytype":"CONFIG","subject":"s"|null,"magic":0}
 * value {"compatibilityLevel":"FULL"}                                          (null: cleared)
 * key   {"keytype":"DELETE_SUBJECT","subject":"s","magic":0}
 * value {"subject":"s","version":3}                                            (null: hard delete)
 * key   {"keytype":"WRITER","magic":0}                                         (tokenlens only)
 * value {"instanceId":"...","url":"http://127.0.0.1:8081"}
 * </pre>
 *
 * Keys are written field by field in a fixed order, so the same logical key is always the same
 * bytes and compaction keeps only its latest value. Other key types Confluent writes (NOOP, MODE,
 * CLEAR_SUBJECT...) are ignored when read.
 */
public final class StoreRecordCodec {
  private final ObjectMapper json = new ObjectMapper();

  /** A record as Kafka key and value bytes; {@code value} is null for a tombstone. */
  public record Encoded(byte[] key, byte[] value) {}

  public Encoded encode(StoreRecord record) {
    if (record instanceof StoreRecord.SchemaVersion r) {
      ObjectNode value =
          json.createObjectNode()
              .put("subject", r.subject())
              .put("version", r.version())
              .put("id", r.id())
              .put("schema", r.schema())
              .put("deleted", r.deleted());
      return new Encoded(schemaKey(r.subject(), r.version()), bytes(value));
    } else if (record instanceof StoreRecord.SchemaVersionRemoved r) {
      return new Encoded(schemaKey(r.subject(), r.version()), null);
    } else if (record instanceof StoreRecord.ConfigSet r) {
      return new Encoded(
          configKey(r.subject()),
          bytes(json.createObjectNode().put("compatibilityLevel", r.level().name())));
    } else if (record instanceof StoreRecord.ConfigCleared r) {
      return new Encoded(configKey(r.subject()), null);
    } else if (record instanceof StoreRecord.SubjectDeleted r) {
      return new Encoded(
          deleteSubjectKey(r.subject()),
          bytes(json.createObjectNode().put("subject", r.subject()).put("version", r.version())));
    } else if (record instanceof StoreRecord.SubjectDeletedRemoved r) {
      return new Encoded(deleteSubjectKey(r.subject()), null);
    } else if (record instanceof StoreRecord.WriterAnnounced r) {
      return new Encoded(
          bytes(json.createObjectNode().put("keytype", "WRITER").put("magic", 0)),
          bytes(json.createObjectNode().put("instanceId", r.instanceId()).put("url", r.url())));
    }
    throw new IllegalArgumentException("unknown record " + record);
  }

  /**
   * Decodes one record of the topic.
   *
   * @return empty for key types this registry does not use
   * @throws IllegalArgumentException when the key or value is not what its key type requires
   */
  public Optional<StoreRecord> decode(byte[] key, byte[] value) {
    JsonNode k = tree(key, "key");
    String keyType = k.path("keytype").asText("");
    JsonNode v = value == null ? null : tree(value, "value");
    switch (keyType) {
      case "SCHEMA":
        {
          String subject = text(k, "subject");
          int version = number(k, "version");
          if (v == null) {
            return Optional.of(new StoreRecord.SchemaVersionRemoved(subject, version));
          }
          String schemaType = v.path("schemaType").asText("AVRO");
          if (!"AVRO".equals(schemaType)) {
            throw new IllegalArgumentException("unsupported schemaType " + schemaType);
          }
          return Optional.of(
              new StoreRecord.SchemaVersion(
                  subject,
                  version,
                  number(v, "id"),
                  text(v, "schema"),
                  v.path("deleted").asBoolean(false)));
        }
      case "CONFIG":
        {
          String subject = k.hasNonNull("subject") ? k.get("subject").asText() : null;
          if (v == null) {
            return Optional.of(new StoreRecord.ConfigCleared(subject));
          }
          CompatibilityLevel level =
              CompatibilityLevel.parse(text(v, "compatibilityLevel"))
                  .orElseThrow(
                      () -> new IllegalArgumentException("unknown compatibilityLevel " + v));
          return Optional.of(new StoreRecord.ConfigSet(subject, level));
        }
      case "DELETE_SUBJECT":
        {
          String subject = text(k, "subject");
          if (v == null) {
            return Optional.of(new StoreRecord.SubjectDeletedRemoved(subject));
          }
          return Optional.of(new StoreRecord.SubjectDeleted(subject, number(v, "version")));
        }
      case "WRITER":
        return v == null
            ? Optional.empty()
            : Optional.of(new StoreRecord.WriterAnnounced(text(v, "instanceId"), text(v, "url")));
      default:
        return Optional.empty();
    }
  }

  private byte[] schemaKey(String subject, int version) {
    return bytes(
        json.createObjectNode()
            .put("keytype", "SCHEMA")
            .put("subject", subject)
            .put("version", version)
            .put("magic", 1));
  }

  private byte[] configKey(String subject) {
    ObjectNode key = json.createObjectNode().put("keytype", "CONFIG");
    if (subject == null) {
      key.putNull("subject");
    } else {
      key.put("subject", subject);
    }
    return bytes(key.put("magic", 0));
  }

  private byte[] deleteSubjectKey(String subject) {
    return bytes(
        json.createObjectNode()
            .put("keytype", "DELETE_SUBJECT")
            .put("subject", subject)
            .put("magic", 0));
  }

  private byte[] bytes(JsonNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode tree(byte[] bytes, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException("missing " + what);
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(what + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing text field '" + field + "' in " + node);
    }
    return value.asText();
  }

  private static int number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException("missing int field '" + field + "' in " + node);
    }
    return value.asInt();
  }
}
