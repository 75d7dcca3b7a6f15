package io.tokenlens.streams.attribution;

import static io.tokenlens.streams.topology.TopologyNames.*;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.topology.EventTimeExtractor;
import io.tokenlens.streams.topology.TopologyContext;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The usage ↔ pull-request part of the topology (see {@link PrUsageProcessor}, {@link
 * PrEventProcessor}):
 *
 * <pre>
 * enriched, keyed by session ─► sums per repository, engineer, session, branch and minute,
 *   forwarded at each commit: one per key ─► repartition by repository ─┐
 * pr-events (keyed by repository) ──────────────────────────────────────┴─► PR attribution (shared stores)
 *   ─► pr-attribution
 * </pre>
 */
public final class PrAttributionTopology {

  private PrAttributionTopology() {}

  /**
   * Adds the PR attribution of {@code bySession} (the enriched usage in the enrichment's own task)
   * and {@code pr-events}, writing {@code pr-attribution}; returns {@code pr-events} and {@code
   * pr-attribution} read back, for the parts reading them (a topic may have one source).
   */
  public static PrStreams add(TopologyContext context, KStream<String, TokenUsage> bySession) {
    StreamsBuilder builder = context.builder();
    TopicSettings topics = context.topics();
    Duration window = context.config().prAttributionWindow();
    // the repartition carries sums per session and commit, of only the fields the attribution reads
    Serde<PrUsagePart> usageSerde =
        new PrUsageSerde(context.valueSerde(Topics.TOKEN_USAGE_ENRICHED).deserializer());
    builder.addStateStore(PrUsageSums.storeBuilder());
    Serde<PrAttribution> attributionSerde = context.valueSerde(Topics.PR_ATTRIBUTION);
    // cached, as every attributed request rewrites its pull request's attribution: one changelog
    // record per pull request and commit instead of one per request
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(PrStores.ATTRIBUTION),
                Serdes.String(),
                attributionSerde)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PrStores.BRANCHES), Serdes.String(), Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PrStores.MEMBERS), Serdes.String(), Serdes.Long()));
    builder.addStateStore(PrStores.unmatchedStore(window));
    builder.addStateStore(PrStores.pendingStore(attributionSerde));
    Duration emitInterval = context.config().prAttributionEmitInterval();
    Duration closedRetention = context.config().prClosedRetention();
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(PrStores.CLOSED, closedRetention, window, false),
                Serdes.String(),
                attributionSerde)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(PrStores.CLOSED_MEMBERS, closedRetention, window, false),
            Serdes.String(),
            Serdes.Long()));
    Produced<String, PrAttribution> produced = Produced.with(Serdes.String(), attributionSerde);
    String output = topics.name(Topics.PR_ATTRIBUTION);

    bySession
        .process(PrUsageSums::new, Named.as(PR_USAGE_SUMS), PrUsageSums.STORE)
        .repartition(
            Repartitioned.<String, PrUsagePart>as(PR_USAGE_REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(usageSerde)
                .withNumberOfPartitions(topics.partitions(Topics.PR_EVENTS)))
        .process(
            () -> new PrUsageProcessor(window, emitInterval),
            Named.as(PR_ATTRIBUTE_USAGE),
            PrStores.ALL)
        .to(output, produced.withName(PR_ATTRIBUTION_USAGE_SINK));
    KStream<String, PullRequestEvent> prEvents =
        builder.stream(
            topics.name(Topics.PR_EVENTS),
            Consumed.with(Serdes.String(), context.valueSerde(Topics.PR_EVENTS))
                .withTimestampExtractor(new EventTimeExtractor())
                .withName(PR_EVENTS_SOURCE));
    prEvents
        .process(
            () -> new PrEventProcessor(window, emitInterval, DIRECTORY_STORE),
            Named.as(PR_ATTRIBUTE_EVENT),
            PrStores.ALL)
        .to(
            output,
            Produced.with(Serdes.String(), attributionSerde).withName(PR_ATTRIBUTION_EVENT_SINK));
    KStream<String, PrAttribution> attributions =
        builder.stream(
            output,
            Consumed.with(Serdes.String(), context.valueSerde(Topics.PR_ATTRIBUTION))
                .withName(PR_ATTRIBUTION_SOURCE));
    return new PrStreams(prEvents, attributions);
  }
}
