package io.tokenlens.streams.alerts;

import static io.tokenlens.streams.topology.TopologyNames.*;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.AlertSettings;
import io.tokenlens.streams.state.BufferedKeyValueStore;
import io.tokenlens.streams.topology.TopologyContext;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The burn and budget alert part of the topology (see {@link AlertProcessor}):
 *
 * <pre>
 * enriched, by session (priced) ─► alerts-subjects (engineer and team spend per hour, summed in the task and
 *   forwarded every second; replaying, the task's watermark to every partition) ─► alerts-spend-by-subject
 *   (repartition) ─► alerts-evaluate (budgets per record, burn on wall-clock punctuation; 4 window stores and
 *   the watermarks) ─► burn-alerts
 * </pre>
 *
 * Only sums travel through the repartition (a double per subject and hour each second), not the
 * requests; with {@code streams.alerts.burn.clock=event} also one watermark per summing task,
 * partition and second at most ({@link UpstreamWatermarks}).
 */
public final class AlertTopology {

  private AlertTopology() {}

  /**
   * Adds the alerts over {@code bySession} (the enriched requests in the enrichment's task, still
   * keyed by session), writing {@code burn-alerts}.
   */
  public static void add(TopologyContext context, KStream<String, TokenUsage> bySession) {
    StreamsBuilder builder = context.builder();
    AlertSettings settings = context.config().alerts();
    AlertStores.NAMES.addTo(builder, settings);
    builder.addStateStore(
        BufferedKeyValueStore.storeBuilder(SpendPartials.STORE, new SpendPartials.SpendSerde()));
    boolean replaying = settings.burnClock() == AlertSettings.BurnClock.EVENT;
    int upstreamPartitions = context.topics().partitions(Topics.TOKEN_USAGE);
    bySession
        .process(() -> new SpendPartials(replaying), Named.as(ALERTS_SUBJECTS), SpendPartials.STORE)
        .repartition(
            Repartitioned.<String, SpendUpdate>as(ALERTS_REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(new SpendUpdateSerde())
                .withStreamPartitioner(new WatermarkPartitioner()))
        .process(
            () ->
                new AlertProcessor(
                    settings, DIRECTORY_STORE, AlertStores.NAMES, upstreamPartitions),
            Named.as(ALERTS_EVALUATE),
            AlertStores.NAMES.all())
        .to(
            context.topics().name(Topics.BURN_ALERTS),
            Produced.with(Serdes.String(), context.valueSerde(Topics.BURN_ALERTS))
                .withName(BURN_ALERTS_SINK));
  }
}
