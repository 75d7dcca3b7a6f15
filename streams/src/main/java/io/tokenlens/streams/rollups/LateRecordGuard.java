package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.topology.StreamsCounters;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stands right before a tumbling-window aggregation, in the same task, and applies the aggregation's own rule: a
 * record whose window ended at or before stream time minus grace would be dropped silently by the DSL. Such a record
 * is forwarded as a {@link LateRecord} (source topic, partition, offset, event and stream time, the original value
 * bytes) instead, and counted; every other record is forwarded unchanged. A fixed-key processor, so the key is
 * known unchanged and no second repartition separates it from the window it guards.
 */
public final class LateRecordGuard implements FixedKeyProcessor<String, TokenUsage, SpecificRecord> {

  private final long windowMs;
  private final long graceMs;
  private final String operator;
  private final Serializer<TokenUsage> payload;
  private FixedKeyProcessorContext<String, SpecificRecord> context;
  private Sensor late;

  /**
   * @param window size of the tumbling windows
   * @param grace their grace period
   * @param operator name of the windowed operator the late records would have missed
   * @param payload serializer of the original values
   */
  public LateRecordGuard(Duration window, Duration grace, String operator, Serializer<TokenUsage> payload) {
    this.windowMs = window.toMillis();
    this.graceMs = grace.toMillis();
    this.operator = operator;
    this.payload = payload;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.late = StreamsCounters.counter(context, operator, "late-record");
  }

  /** Whether a record at {@code timestamp} misses its window at {@code streamTime}, as the window operator decides. */
  public static boolean isLate(long timestamp, long streamTime, long windowMs, long graceMs) {
    long windowEnd = timestamp - Math.floorMod(timestamp, windowMs) + windowMs;
    return windowEnd <= streamTime - graceMs;
  }

  @Override
  public void process(FixedKeyRecord<String, TokenUsage> record) {
    long streamTime = context.currentStreamTimeMs();
    if (!isLate(record.timestamp(), streamTime, windowMs, graceMs)) {
      context.forward(record.withValue((SpecificRecord) record.value()));
      return;
    }
    late.record();
    Optional<RecordMetadata> metadata = context.recordMetadata();
    String topic = metadata.map(RecordMetadata::topic).orElse(operator);
    LateRecord lateRecord = LateRecord.newBuilder()
        .setSourceTopic(topic)
        .setSourcePartition(metadata.map(RecordMetadata::partition).orElse(-1))
        .setSourceOffset(metadata.map(RecordMetadata::offset).orElse(-1L))
        .setEventId(record.value() == null ? null : record.value().getEventId())
        .setEventTime(Instant.ofEpochMilli(record.timestamp()))
        .setStreamTime(Instant.ofEpochMilli(streamTime))
        .setObservedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
        .setOperator(operator)
        .setKey(record.key())
        .setPayload(ByteBuffer.wrap(payload.serialize(topic, record.value())))
        .build();
    context.forward(record.withValue(lateRecord));
  }
}
