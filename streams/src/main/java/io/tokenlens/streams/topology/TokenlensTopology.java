package io.tokenlens.streams.topology;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.alerts.AlertTopology;
import io.tokenlens.streams.attribution.PrAttributionTopology;
import io.tokenlens.streams.attribution.PrStreams;
import io.tokenlens.streams.config.StreamsAppConfig;
import io.tokenlens.streams.detectors.DetectorTopology;
import io.tokenlens.streams.enrichment.EnrichmentTopology;
import io.tokenlens.streams.incidents.IncidentLinkTopology;
import io.tokenlens.streams.rollups.RollupTopology;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Builds the job's topology from its configuration, and nothing else: no clients, no mutation of
 * anything given. Each package adds its part through {@code XxxTopology.add(context, <the streams
 * it reads>)}, which returns the streams it produces; this class only calls them in order (the
 * order fixes the subtopology numbers).
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

  private TokenlensTopology() {}

  /** The topology of {@code config}. */
  public static Topology build(StreamsAppConfig config) {
    StreamsBuilder builder =
        new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
    TopologyContext context = new TopologyContext(builder, config);
    KStream<String, TokenUsage> bySession = EnrichmentTopology.add(context);
    RollupTopology.add(context, bySession);
    PrStreams pr = PrAttributionTopology.add(context, bySession);
    IncidentLinkTopology.add(context, pr);
    AlertTopology.add(context, bySession);
    DetectorTopology.add(context, bySession, pr.attributions());
    return builder.build();
  }
}
