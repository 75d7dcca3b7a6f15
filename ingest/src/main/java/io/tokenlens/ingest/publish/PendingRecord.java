package io.tokenlens.ingest.publish;

import io.tokenlens.schemas.topics.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record to publish: its catalog topic and value; the key is the catalog's key for the value.
 */
public record PendingRecord<V extends SpecificRecord>(Topic<V> topic, V value) {

  public String key() {
    return topic.key(value);
  }
}
