package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.LateRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The rule by which a tumbling window refuses a record, and the {@link LateRecord} that reports
 * one: source topic, partition and offset, event and stream time, the operator it missed, its key
 * and its value's bytes.
 */
public final class LateRecords {

  private LateRecords() {}

  /**
   * Whether a record at {@code timestamp} misses its window at {@code streamTime}: the window ended
   * at or before stream time minus grace, which is the rule of a Kafka Streams windowed aggregation
   * too.
   */
  public static boolean isLate(long timestamp, long streamTime, long windowMs, long graceMs) {
    return windowStart(timestamp, windowMs) + windowMs <= streamTime - graceMs;
  }

  /** The start of the tumbling window of {@code windowMs} holding {@code timestamp}. */
  public static long windowStart(long timestamp, long windowMs) {
    return timestamp - Math.floorMod(timestamp, windowMs);
  }

  /**
   * The report of the record being processed in {@code context}, which missed {@code operator}'s
   * window at {@code streamTime} (the time the operator closes windows by).
   */
  public static LateRecord of(
      ProcessingContext context,
      String operator,
      String key,
      String eventId,
      long timestamp,
      long streamTime,
      byte[] payload) {
    Optional<RecordMetadata> metadata = context.recordMetadata();
    return LateRecord.newBuilder()
        .setSourceTopic(metadata.map(RecordMetadata::topic).orElse(operator))
        .setSourcePartition(metadata.map(RecordMetadata::partition).orElse(-1))
        .setSourceOffset(metadata.map(RecordMetadata::offset).orElse(-1L))
        .setEventId(eventId)
        .setEventTime(Instant.ofEpochMilli(timestamp))
        .setStreamTime(Instant.ofEpochMilli(streamTime))
        .setObservedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .setOperator(operator)
        .setKey(key)
        .setPayload(ByteBuffer.wrap(payload))
        .build();
  }
}
