package io.tokenlens.streams.rollups;

import static io.tokenlens.streams.topology.TopologyNames.*;

import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.state.BufferedWindowStore;
import io.tokenlens.streams.topology.TopologyContext;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The minute rollup part of the topology (see {@link RollupPartials}, {@link RollupMerge}):
 *
 * <pre>
 * enriched, keyed by session ─► partial sums per task, rollup key and minute ─┬─► late-records (past grace)
 *   at window close (end + grace): one per key ─► repartition by rollup key  ─┘
 *   ─► sum of the partial sums, re-emitted with a higher version per partial ─► usage-rollups
 * </pre>
 */
public final class RollupTopology {

  private RollupTopology() {}

  /**
   * Adds the minute rollups of {@code bySession} (the enriched usage in the enrichment's own task):
   * partial sums per task, forwarded once per rollup key and window each commit, then the sum of
   * those per rollup key, forwarded once per key and window each commit; writes {@code
   * usage-rollups} and {@code late-records}.
   */
  public static void add(TopologyContext context, KStream<String, TokenUsage> bySession) {
    StreamsBuilder builder = context.builder();
    StreamsAppConfig config = context.config();
    TopicSettings topics = context.topics();
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
    Serde<TokenUsage> usageSerde = context.valueSerde(Topics.TOKEN_USAGE_ENRICHED);
    Serde<UsageRollup> rollupSerde = context.valueSerde(Topics.USAGE_ROLLUPS);
    Produced<String, LateRecord> late =
        Produced.with(Serdes.String(), context.valueSerde(Topics.LATE_RECORDS));
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
}
