package io.tokenlens.sink;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record waiting in a {@link PartitionBuffer}: its row, or why it could not become
 * one.
 *
 * @param offset Kafka offset
 * @param receivedAtNanos when the sink received it ({@link System#nanoTime()})
 * @param row the JSONEachRow line, or null when the record is poison or skipped
 * @param raw the record as consumed (kept for the dead-letter topic)
 * @param failure why it is poison, or null
 */
public record BufferedRecord(
    long offset,
    long receivedAtNanos,
    byte[] row,
    ConsumerRecord<byte[], byte[]> raw,
    Exception failure) {

  /** Whether the record must go to the dead-letter topic. */
  public boolean poison() {
    return failure != null;
  }
}
