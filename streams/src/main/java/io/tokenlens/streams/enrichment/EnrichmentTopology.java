package io.tokenlens.streams.enrichment;

import static io.tokenlens.streams.topology.TopologyNames.*;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.state.WriteCountedStore;
import io.tokenlens.streams.topology.EventTimeExtractor;
import io.tokenlens.streams.topology.TopologyContext;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The dedup and enrichment part of the topology (see {@link DedupProcessor}, {@link
 * EnrichmentProcessor}):
 *
 * <pre>
 * token-usage (keyed by session) ─► token-usage-dedup ─► token-usage-enrich (directory-store,
 *   model-prices-store: global) ─► token-usage-key-by-engineer ─► token-usage-enriched
 * </pre>
 */
public final class EnrichmentTopology {

  private EnrichmentTopology() {}

  /**
   * Adds the global stores, dedup and enrichment, and writes {@code token-usage-enriched}; returns
   * the enriched usage still keyed as {@code token-usage} is: by session, in the enrichment's own
   * task.
   */
  public static KStream<String, TokenUsage> add(TopologyContext context) {
    StreamsBuilder builder = context.builder();
    TopicSettings topics = context.topics();
    Duration dedupWindow = context.config().dedupWindow();
    builder.globalTable(
        topics.name(Topics.DIRECTORY),
        Consumed.with(Serdes.String(), context.valueSerde(Topics.DIRECTORY))
            .withName(DIRECTORY_SOURCE),
        Materialized.<String, DirectoryEntry>as(
                WriteCountedStore.supplier(
                    Stores.persistentTimestampedKeyValueStore(DIRECTORY_STORE)))
            .withKeySerde(Serdes.String())
            .withValueSerde(context.valueSerde(Topics.DIRECTORY)));
    builder.globalTable(
        topics.name(Topics.MODEL_PRICES),
        Consumed.with(Serdes.String(), context.valueSerde(Topics.MODEL_PRICES))
            .withName(PRICES_SOURCE),
        Materialized.<String, ModelPrice>as(
                WriteCountedStore.supplier(Stores.persistentTimestampedKeyValueStore(PRICES_STORE)))
            .withKeySerde(Serdes.String())
            .withValueSerde(context.valueSerde(Topics.MODEL_PRICES)));
    builder.addStateStore(DedupProcessor.storeBuilder(DedupProcessor.STORE, dedupWindow));
    builder.addStateStore(DedupProcessor.sequenceStoreBuilder(dedupWindow));

    KStream<String, TokenUsage> bySession =
        builder.stream(
                topics.name(Topics.TOKEN_USAGE),
                Consumed.with(Serdes.String(), context.valueSerde(Topics.TOKEN_USAGE))
                    .withTimestampExtractor(new EventTimeExtractor())
                    .withName(USAGE_SOURCE))
            .processValues(
                () -> DedupProcessor.ofUsage(dedupWindow),
                Named.as(DedupProcessor.NAME),
                DedupProcessor.STORE,
                DedupProcessor.SEQUENCE_STORE)
            .processValues(
                () -> new EnrichmentProcessor(DIRECTORY_STORE, PRICES_STORE),
                Named.as(EnrichmentProcessor.NAME));
    bySession
        .selectKey(
            (key, usage) -> Topics.TOKEN_USAGE_ENRICHED.key(usage), Named.as(KEY_BY_ENGINEER))
        .to(
            topics.name(Topics.TOKEN_USAGE_ENRICHED),
            Produced.with(Serdes.String(), context.valueSerde(Topics.TOKEN_USAGE_ENRICHED))
                .withName(ENRICHED_SINK));
    return bySession;
  }
}
