package io.tokenlens.ingest.otlp;

import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.topics.Topic;
import java.util.ArrayList;
import java.util.List;

/**
 * What one OTLP request mapped to: records to publish, how many items were ignored (authentic but
 * of no use: other event names, other metrics, spans without token usage) and the items that could
 * not be mapped.
 */
public final class MappedBatch {
  private final List<PendingRecord<?>> records = new ArrayList<>();
  private final List<Rejection> rejections = new ArrayList<>();
  private int received;
  private int ignored;

  void add(PendingRecord<?> record) {
    records.add(record);
  }

  void received() {
    received++;
  }

  void ignored() {
    ignored++;
  }

  void reject(Topic<?> topic, String reason, byte[] payload) {
    rejections.add(new Rejection(topic, reason, payload));
  }

  public List<PendingRecord<?>> records() {
    return records;
  }

  public List<Rejection> rejections() {
    return rejections;
  }

  public int receivedCount() {
    return received;
  }

  public int ignoredCount() {
    return ignored;
  }

  /**
   * An item that could not be mapped.
   *
   * @param topic the topic it was meant for (its dead-letter topic receives it)
   * @param reason what is wrong
   * @param payload the item alone, as an OTLP protobuf request holding just it and its resource
   */
  public record Rejection(Topic<?> topic, String reason, byte[] payload) {}
}
