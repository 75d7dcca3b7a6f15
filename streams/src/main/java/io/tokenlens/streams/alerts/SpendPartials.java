package io.tokenlens.streams.alerts;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.BufferedKeyValueStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The spend of each subject, summed per UTC hour of event time in the task that enriches the
 * requests (keyed by session, no repartition) and forwarded every {@link #FLUSH} of wall-clock
 * time: one record per subject and hour with the sum, timestamped with the latest request in it,
 * instead of one per request. The hour keeps a sum inside every period the alerts count in (UTC
 * days and months, UTC hours for the burn), so {@link AlertProcessor} reads the sums exactly as it
 * read single requests. The sums wait in a {@link BufferedKeyValueStore} ({@link #STORE}),
 * forwarded and deleted in the same transaction: a crash in between replays both.
 *
 * <p>When a replay closes hours by event time ({@code streams.alerts.burn.clock=event}), each flush
 * then also forwards the task's watermark (a {@link SpendUpdate.Watermark}: the newest event time
 * of the requests it read, sent to every partition by {@link WatermarkPartitioner}), when it
 * advanced since the last one. It follows the sums in the same partitions, so an alert task that
 * reads it has read every sum the task forwarded before. The requests' own time, not the task's
 * stream time: the task also reads {@code agent-activity}, whose records the consumer may fetch
 * ahead of the requests. In memory: after a restart the task sends it again once it read a request.
 */
public final class SpendPartials implements Processor<String, TokenUsage, String, SpendUpdate> {

  /** Spend per {@code <subject>@<hour start millis>} since the last flush. */
  public static final String STORE = "alerts-spend-partials-store";

  /**
   * How often the sums are forwarded: how much later than its request a budget alert may be raised.
   */
  public static final Duration FLUSH = Duration.ofSeconds(1);

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final boolean forwardWatermarks;
  private ProcessorContext<String, SpendUpdate> context;
  private BufferedKeyValueStore<Spend> sums;
  private long latestRequest = Long.MIN_VALUE;
  private long watermarkSent = Long.MIN_VALUE;

  /**
   * @param forwardWatermarks whether each flush forwards the task's watermark as well (a replay's
   *     event clock)
   */
  public SpendPartials(boolean forwardWatermarks) {
    this.forwardWatermarks = forwardWatermarks;
  }

  @Override
  public void init(ProcessorContext<String, SpendUpdate> context) {
    this.context = context;
    this.sums = context.getStateStore(STORE);
    context.schedule(FLUSH, PunctuationType.WALL_CLOCK_TIME, now -> flush());
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    if (record.value() == null) {
      return;
    }
    latestRequest = Math.max(latestRequest, record.timestamp());
    long hour = record.timestamp() - Math.floorMod(record.timestamp(), HOUR);
    for (KeyValue<String, Double> spend : Subject.spendOf(record.value())) {
      String key = spend.key + "@" + hour;
      Spend sum = sums.get(key);
      sums.put(
          key,
          sum == null
              ? new Spend(spend.value, record.timestamp())
              : sum.plus(spend.value, record.timestamp()));
    }
  }

  private void flush() {
    List<KeyValue<String, Spend>> due = new ArrayList<>();
    try (KeyValueIterator<String, Spend> it = sums.all()) {
      it.forEachRemaining(due::add);
    }
    for (KeyValue<String, Spend> kv : due) {
      context.forward(
          new Record<>(
              kv.key.substring(0, kv.key.lastIndexOf('@')),
              new SpendUpdate.Sum(kv.value.usd()),
              kv.value.latest()));
      sums.delete(kv.key);
    }
    if (forwardWatermarks && latestRequest > watermarkSent) {
      int partition = context.taskId().partition();
      context.forward(
          new Record<>(
              SpendUpdate.watermarkKey(partition),
              new SpendUpdate.Watermark(partition, latestRequest),
              latestRequest));
      watermarkSent = latestRequest;
    }
  }

  /** A sum of spend and the event time of its latest request. */
  record Spend(double usd, long latest) {
    Spend plus(double more, long at) {
      return new Spend(usd + more, Math.max(latest, at));
    }
  }

  /**
   * {@link Spend} as 17 bytes: a format byte, the sum, the latest event time. Internal state only.
   */
  static final class SpendSerde implements Serde<Spend> {
    static final byte FORMAT = 1;

    @Override
    public Serializer<Spend> serializer() {
      return (topic, s) ->
          s == null
              ? null
              : ByteBuffer.allocate(17).put(FORMAT).putDouble(s.usd()).putLong(s.latest()).array();
    }

    @Override
    public Deserializer<Spend> deserializer() {
      return (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        if (bytes.length != 17 || bytes[0] != FORMAT) {
          throw new SerializationException(
              "Cannot read a spend sum: "
                  + bytes.length
                  + " bytes, expected 17 of format "
                  + FORMAT);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, 16);
        return new Spend(in.getDouble(), in.getLong());
      };
    }
  }
}
