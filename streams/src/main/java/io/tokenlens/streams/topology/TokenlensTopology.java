package io.tokenlens.streams.topology;

import static io.tokenlens.streams.topology.TopologyNames.*;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.alerts.AlertTopology;
import io.tokenlens.streams.attribution.PrEventProcessor;
import io.tokenlens.streams.attribution.PrStores;
import io.tokenlens.streams.attribution.PrUsagePart;
import io.tokenlens.streams.attribution.PrUsageProcessor;
import io.tokenlens.streams.attribution.PrUsageSerde;
import io.tokenlens.streams.attribution.PrUsageSums;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.detectors.Detectors;
import io.tokenlens.streams.enrichment.DedupProcessor;
import io.tokenlens.streams.enrichment.EnrichmentProcessor;
import io.tokenlens.streams.incidents.IncidentLinkTopology;
import io.tokenlens.streams.rollups.RollupMerge;
import io.tokenlens.streams.rollups.RollupPartials;
import io.tokenlens.streams.rollups.RollupRecords;
import io.tokenlens.streams.rollups.RollupTotals;
import io.tokenlens.streams.rollups.RollupTotalsSerde;
import io.tokenlens.streams.state.BufferedWindowStore;
import java.time.Clock;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the job's topology from its configuration, and nothing else: no clients, no mutation of
 * anything given.
 *
 * <pre>
 * token-usage ─► dedup ─► enrich (directory, model-prices: global stores) ─┬─► session detectors (same task)
 *   (keyed by session)                                                     └─► key by engineer ─► token-usage-enriched
 * token-usage-enriched ─► engineer detectors
 * enriched, keyed by session ─► partial sums per task, rollup key and minute ─┬─► late-records (past grace)
 *   at window close (end + grace): one per key ─► repartition by rollup key  ─┘
 *   ─► sum of the partial sums, re-emitted with a higher version per partial ─► usage-rollups
 * enriched, keyed by session ─► sums per repository, engineer, session, branch and minute,
 *   forwarded at each commit: one per key ─► repartition by repository ─┐
 * pr-events (keyed by repository) ──────────────────────────────────────┴─► PR attribution (shared stores)
 *   ─► pr-attribution
 * pr-attribution (final merges), pr-events (merged commits) ─► repartitions by service ─┐
 * incident-events (keyed by service) ───────────────────────────────────────────────────┴─► incident-links
 * enriched ─► spend per engineer and team ─► repartition ─► budgets; hourly burn on wall-clock punctuation ─► burn-alerts
 * </pre>
 */
public final class TokenlensTopology {

  private final StreamsAppConfig config;
  private final TopicSettings topics;
  private final TopicSerdes serdes;

  private TokenlensTopology(StreamsAppConfig config) {
    this.config = config;
    this.topics = config.topicSettings();
    this.serdes = new TopicSerdes(config.serdeProperties());
  }

  /** The topology of {@code config}. */
  public static Topology build(StreamsAppConfig config) {
    return new TokenlensTopology(config).topology();
  }

  private Topology topology() {
    StreamsBuilder builder =
        new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
    KStream<String, TokenUsage> bySession = enrichment(builder);
    KStream<String, TokenUsage> enriched =
        bySession.selectKey(
            (key, usage) -> Topics.TOKEN_USAGE_ENRICHED.key(usage), Named.as(KEY_BY_ENGINEER));
    enriched.to(
        topics.name(Topics.TOKEN_USAGE_ENRICHED),
        Produced.with(Serdes.String(), valueSerde(Topics.TOKEN_USAGE_ENRICHED))
            .withName(ENRICHED_SINK));
    rollups(builder, bySession);
    KStream<String, PullRequestEvent> prEvents = prAttribution(builder, bySession);
    // pr-attribution is read back by the incident links and the detectors: one source (a topic may
    // have one)
    KStream<String, PrAttribution> attributions =
        builder.stream(
            topics.name(Topics.PR_ATTRIBUTION),
            Consumed.with(Serdes.String(), valueSerde(Topics.PR_ATTRIBUTION))
                .withName(PR_ATTRIBUTION_SOURCE));
    IncidentLinkTopology.add(builder, prEvents, attributions, config.incidents(), topics, serdes);
    AlertTopology.add(builder, bySession, config.alerts(), topics, serdes);
    Detectors.addTo(
        builder,
        config.detectors(),
        topics,
        serdes,
        DIRECTORY_STORE,
        PRICES_STORE,
        config.dedupWindow(),
        bySession,
        attributions);
    return builder.build();
  }

  /**
   * Dedup and enrichment; returns the enriched usage still keyed as {@code token-usage} is: by
   * session.
   */
  private KStream<String, TokenUsage> enrichment(StreamsBuilder builder) {
    builder.globalTable(
        topics.name(Topics.DIRECTORY),
        Consumed.with(Serdes.String(), serdes.valueSerde(Topics.DIRECTORY))
            .withName(DIRECTORY_SOURCE),
        Materialized.<String, DirectoryEntry, KeyValueStore<Bytes, byte[]>>as(DIRECTORY_STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(serdes.valueSerde(Topics.DIRECTORY)));
    builder.globalTable(
        topics.name(Topics.MODEL_PRICES),
        Consumed.with(Serdes.String(), serdes.valueSerde(Topics.MODEL_PRICES))
            .withName(PRICES_SOURCE),
        Materialized.<String, ModelPrice, KeyValueStore<Bytes, byte[]>>as(PRICES_STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(serdes.valueSerde(Topics.MODEL_PRICES)));
    builder.addStateStore(DedupProcessor.storeBuilder(DedupProcessor.STORE, config.dedupWindow()));
    builder.addStateStore(DedupProcessor.sequenceStoreBuilder(config.dedupWindow()));

    return builder.stream(
            topics.name(Topics.TOKEN_USAGE),
            Consumed.with(Serdes.String(), valueSerde(Topics.TOKEN_USAGE))
                .withTimestampExtractor(new EventTimeExtractor())
                .withName(USAGE_SOURCE))
        .processValues(
            () -> DedupProcessor.ofUsage(config.dedupWindow()),
            Named.as(DedupProcessor.NAME),
            DedupProcessor.STORE,
            DedupProcessor.SEQUENCE_STORE)
        .processValues(
            () -> new EnrichmentProcessor(DIRECTORY_STORE, PRICES_STORE),
            Named.as(EnrichmentProcessor.NAME));
  }

  /**
   * Minute rollups in two steps: partial sums per task of the session-keyed stream, forwarded once
   * per rollup key and window each commit, then the sum of those per rollup key, forwarded once per
   * key and window each commit.
   */
  private void rollups(StreamsBuilder builder, KStream<String, TokenUsage> bySession) {
    long window = config.rollupWindow().toMillis();
    Duration partialsRetention =
        Duration.ofMillis(RollupPartials.retention(window, config.rollupGrace().toMillis()));
    builder.addStateStore(
        BufferedWindowStore.storeBuilder(
            RollupPartials.PARTIALS,
            partialsRetention,
            config.rollupWindow(),
            new RollupTotalsSerde()));
    builder.addStateStore(
        BufferedWindowStore.storeBuilder(
            RollupPartials.SESSIONS, partialsRetention, config.rollupWindow(), Serdes.ByteArray()));
    builder.addStateStore(
        BufferedWindowStore.storeBuilder(
            RollupMerge.TOTALS,
            Duration.ofMillis(RollupMerge.retention(window, config.rollupMergeGrace().toMillis())),
            config.rollupWindow(),
            new RollupTotalsSerde()));
    Serde<TokenUsage> usageSerde = valueSerde(Topics.TOKEN_USAGE_ENRICHED);
    Serde<UsageRollup> rollupSerde = valueSerde(Topics.USAGE_ROLLUPS);
    Produced<String, LateRecord> late =
        Produced.with(Serdes.String(), valueSerde(Topics.LATE_RECORDS));
    RollupRecords records = new RollupRecords(Clock.systemUTC());

    bySession
        .process(
            () ->
                new RollupPartials(
                    config.rollupWindow(), config.rollupGrace(), usageSerde.serializer()),
            Named.as(ROLLUP_PARTIALS),
            RollupPartials.PARTIALS,
            RollupPartials.SESSIONS)
        .split(Named.as(ROLLUP_PARTIALS_SPLIT))
        .branch(
            (key, value) -> value instanceof LateRecord,
            Branched.withConsumer(
                lateRequests ->
                    lateRequests
                        .mapValues(value -> (LateRecord) value, Named.as(ROLLUP_LATE_REQUEST))
                        .to(
                            topics.name(Topics.LATE_RECORDS),
                            late.withName(ROLLUP_LATE_REQUESTS_SINK)),
                ROLLUP_LATE_BRANCH))
        .defaultBranch(
            Branched.withConsumer(
                partials ->
                    partials
                        .mapValues(value -> (RollupTotals) value, Named.as(ROLLUP_PARTIAL))
                        .repartition(
                            Repartitioned.<String, RollupTotals>as(ROLLUP_REPARTITION)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new RollupTotalsSerde()))
                        .process(
                            () ->
                                new RollupMerge(
                                    config.rollupWindow(),
                                    config.rollupMergeGrace(),
                                    records,
                                    rollupSerde.serializer()),
                            Named.as(ROLLUP_MERGE),
                            RollupMerge.TOTALS)
                        .split(Named.as(ROLLUP_MERGE_SPLIT))
                        .branch(
                            (key, value) -> value instanceof LateRecord,
                            Branched.withConsumer(
                                latePartials ->
                                    latePartials
                                        .mapValues(
                                            value -> (LateRecord) value,
                                            Named.as(ROLLUP_LATE_PARTIAL))
                                        .to(
                                            topics.name(Topics.LATE_RECORDS),
                                            late.withName(ROLLUP_LATE_PARTIALS_SINK)),
                                ROLLUP_LATE_BRANCH))
                        .defaultBranch(
                            Branched.withConsumer(
                                rollups ->
                                    rollups
                                        .mapValues(
                                            value -> (UsageRollup) value,
                                            Named.as(ROLLUP_TO_RECORD))
                                        .to(
                                            topics.name(Topics.USAGE_ROLLUPS),
                                            Produced.with(Serdes.String(), rollupSerde)
                                                .withName(ROLLUPS_SINK)),
                                ROLLUP_TOTAL_BRANCH)),
                ROLLUP_PARTIAL_BRANCH));
  }

  /**
   * The PR attribution part; returns the {@code pr-events} stream for the other parts reading it.
   */
  private KStream<String, PullRequestEvent> prAttribution(
      StreamsBuilder builder, KStream<String, TokenUsage> bySession) {
    Duration window = config.prAttributionWindow();
    // the repartition carries sums per session and commit, of only the fields the attribution reads
    Serde<PrUsagePart> usageSerde =
        new PrUsageSerde(valueSerde(Topics.TOKEN_USAGE_ENRICHED).deserializer());
    builder.addStateStore(PrUsageSums.storeBuilder());
    Serde<PrAttribution> attributionSerde = valueSerde(Topics.PR_ATTRIBUTION);
    // cached, as every attributed request rewrites its pull request's attribution: one changelog
    // record per pull
    // request and commit instead of one per request
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
    Duration emitInterval = config.prAttributionEmitInterval();
    Duration closedRetention = config.prClosedRetention();
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
            Consumed.with(Serdes.String(), valueSerde(Topics.PR_EVENTS))
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
    return prEvents;
  }

  private <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
    return serdes.valueSerde(topic);
  }
}
