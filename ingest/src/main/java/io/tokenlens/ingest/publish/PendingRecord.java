package io.tokenlens.ingest.publish;

import io.tokenlens.schemas.topics.Topic;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record to publish: its catalog topic and value; the key is the catalog's key for the value.
 * On a compacted topic a record may instead be a tombstone: a key with no value, which deletes the
 * key.
 *
 * @param topic the catalog topic
 * @param value the value; null only for a tombstone
 * @param tombstoneKey the key of a tombstone; null for a record with a value
 */
public record PendingRecord<V extends SpecificRecord>(
    Topic<V> topic, V value, String tombstoneKey) {

  public PendingRecord {
    Objects.requireNonNull(topic, "topic");
    if ((value == null) == (tombstoneKey == null)) {
      throw new IllegalArgumentException("a pending record has either a value or a tombstone key");
    }
  }

  public PendingRecord(Topic<V> topic, V value) {
    this(topic, Objects.requireNonNull(value, "value"), null);
  }

  /** A tombstone for {@code key} on a compacted topic. */
  public static <V extends SpecificRecord> PendingRecord<V> tombstone(Topic<V> topic, String key) {
    if (!topic.cleanupPolicy().compacts()) {
      throw new IllegalArgumentException(
          "tombstones only make sense on compacted topics, not " + topic.name());
    }
    return new PendingRecord<>(topic, null, Objects.requireNonNull(key, "key"));
  }

  public boolean isTombstone() {
    return value == null;
  }

  public String key() {
    return value == null ? tombstoneKey : topic.key(value);
  }
}
