package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.state.BufferedWindowStore;
import io.tokenlens.streams.state.CommitForwarder;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The second half of the minute rollups, keyed by rollup key: adds each task's partial sums of a
 * window to the window's totals ({@link #TOTALS}, a {@link BufferedWindowStore}) and, at each
 * commit, forwards the totals changed since the last one as a {@link UsageRollup} whose version is
 * the number of partial sums merged so far: one record per rollup key and window each commit
 * however many partial sums came, and the last version of a window is its complete total (the
 * catalog's {@code usage-rollups} is an upsert topic, highest version wins; versions grow, not
 * necessarily by one). The totals are kept {@code mergeGrace} past the window's end, in the stream
 * time of the partial sums; a partial sum arriving later is forwarded as a {@code LateRecord} (its
 * payload the partial sum as a {@code UsageRollup}) rather than starting a second, smaller total
 * under a lower version.
 */
public final class RollupMerge implements Processor<String, RollupTotals, String, SpecificRecord> {

  /** Totals per rollup key and window start. */
  public static final String TOTALS = "rollup-totals-store";

  private final long windowMs;
  private final long mergeGraceMs;
  private final RollupRecords records;
  private final Serializer<UsageRollup> payload;
  private ProcessorContext<String, SpecificRecord> context;
  private BufferedWindowStore<RollupTotals> totals;
  private Sensor late;

  /**
   * @param payload serializer of {@code usage-rollups}, for the payload of a late partial sum
   */
  public RollupMerge(
      Duration window,
      Duration mergeGrace,
      RollupRecords records,
      Serializer<UsageRollup> payload) {
    this.windowMs = window.toMillis();
    this.mergeGraceMs = mergeGrace.toMillis();
    this.records = records;
    this.payload = payload;
  }

  /**
   * How long the totals store keeps a window, from its start (one more window, as for the partial
   * sums).
   */
  public static long retention(long windowMs, long mergeGraceMs) {
    return 2 * windowMs + mergeGraceMs;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.totals = context.getStateStore(TOTALS);
    this.late = StreamsCounters.counter(context, TOTALS, "late-record");
    CommitForwarder<String, SpecificRecord> forwarder = new CommitForwarder<>(context);
    totals.onWrite(
        (key, start, sum) -> {
          if (sum != null) {
            UsageRollup rollup = records.toRollup(key, start, start + windowMs, sum);
            forwarder.forward(new Record<>(Topics.USAGE_ROLLUPS.key(rollup), rollup, start));
          }
          return sum;
        });
  }

  @Override
  public void process(Record<String, RollupTotals> record) {
    long windowStart = record.timestamp();
    if (record.value() == null || record.key() == null) {
      return;
    }
    long streamTime = context.currentStreamTimeMs();
    if (LateRecords.isLate(windowStart, streamTime, windowMs, mergeGraceMs)) {
      late.record();
      UsageRollup missed =
          records.toRollup(record.key(), windowStart, windowStart + windowMs, record.value());
      context.forward(
          record.withValue(
              LateRecords.of(
                  context,
                  TOTALS,
                  record.key(),
                  null,
                  windowStart,
                  streamTime,
                  payload.serialize(
                      context.recordMetadata().map(m -> m.topic()).orElse(TOTALS), missed))));
      return;
    }
    RollupTotals sum = totals.fetch(record.key(), windowStart);
    sum = sum == null ? record.value() : sum.merge(record.value());
    totals.put(record.key(), sum, windowStart);
  }
}
