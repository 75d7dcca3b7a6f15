package io.tokenlens.streams.detectors;

import static io.tokenlens.streams.topology.TopologyNames.DIRECTORY_STORE;
import static io.tokenlens.streams.topology.TopologyNames.PRICES_STORE;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.enrichment.DedupProcessor;
import io.tokenlens.streams.topology.EventTimeExtractor;
import io.tokenlens.streams.topology.TopologyContext;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The waste detectors, added to the job's topology in one call; every part writes to {@code
 * waste-findings}.
 */
public final class DetectorTopology {

  public static final String ACTIVITY_SOURCE = "detect-agent-activity-source";
  public static final String ABANDONED_SPEND_SINK = "detect-abandoned-spend-sink";
  public static final String INCIDENT_LINKS_SOURCE = "detect-incident-links-source";
  public static final String MERGED_PRS = "detect-merged-prs";
  public static final String MERGED_PRS_KEY_BY_ORGANISATION =
      "detect-merged-prs-key-by-organisation";
  public static final String MERGED_PRS_REPARTITION = "detect-merged-prs-by-organisation";
  public static final String INCIDENT_LINKS_KEY_BY_ORGANISATION =
      "detect-incident-links-key-by-organisation";
  public static final String INCIDENT_LINKS_REPARTITION = "detect-incident-links-by-organisation";
  public static final String INCIDENT_SINK = "detect-incident-after-ai-heavy-pr-sink";
  public static final String REVIEWS_SOURCE = "detect-pr-reviews-source";
  public static final String FINAL_PRS_KEY_BY_REPOSITORY = "detect-final-prs-key-by-repository";
  public static final String FINAL_PRS_REPARTITION = "detect-final-prs-by-repository";
  public static final String FINAL_PRS = "detect-final-prs";
  public static final String UNAPPROVED_SINK = "detect-unapproved-ai-heavy-merge-sink";

  /** The one key of the organisation-wide part. */
  static final String ORGANISATION = "organisation";

  private DetectorTopology() {}

  /**
   * Adds every detector over {@code bySession} (enriched usage still keyed as {@code token-usage},
   * by session, in the enrichment's own task), {@code token-usage-enriched} (keyed by engineer),
   * {@code agent-activity} and {@code attributions} (the one source of {@code pr-attribution}); the
   * directory and the prices are read from the enrichment's global stores. Agent activity is
   * deduplicated by event id within {@code streams.dedup.window.ms}, as token usage is: an
   * exporter's retry must not count a prompt, a tool call or a rejection twice.
   */
  public static void add(
      TopologyContext context,
      KStream<String, TokenUsage> bySession,
      KStream<String, PrAttribution> attributions) {
    DetectorParts parts = new DetectorParts(context);
    StreamsBuilder builder = parts.builder;
    TopicSettings topics = parts.topics;
    TopicSerdes serdes = parts.serdes;
    Duration dedupWindow = context.config().dedupWindow();
    builder.addStateStore(DedupProcessor.storeBuilder(DedupProcessor.ACTIVITY_STORE, dedupWindow));
    KStream<String, AgentActivity> activity =
        builder.stream(
                topics.name(Topics.AGENT_ACTIVITY),
                Consumed.with(Serdes.String(), serdes.valueSerde(Topics.AGENT_ACTIVITY))
                    .withTimestampExtractor(new EventTimeExtractor())
                    .withName(ACTIVITY_SOURCE))
            .processValues(
                () -> DedupProcessor.ofActivity(dedupWindow),
                Named.as(DedupProcessor.ACTIVITY_NAME),
                DedupProcessor.ACTIVITY_STORE,
                DedupProcessor.SEQUENCE_STORE);
    SessionDetectors.addTo(parts, DIRECTORY_STORE, PRICES_STORE, bySession, activity);
    EngineerDetectors.addTo(parts, DIRECTORY_STORE, activity, attributions);
    abandonedSpend(parts, attributions);
    incidentAfterAiHeavyPr(parts, attributions);
    unapprovedAiHeavyMerge(parts, attributions);
  }

  /**
   * UNAPPROVED_AI_HEAVY_MERGE per repository: final attributions (merges, and closes that end a
   * pull request's approvals) re-keyed by repository, next to {@code pr-reviews}, which is keyed by
   * repository already.
   */
  private static void unapprovedAiHeavyMerge(
      DetectorParts parts, KStream<String, PrAttribution> attributions) {
    DetectorConfig.UnapprovedAiHeavyMerge settings = parts.config.unapprovedAiHeavyMerge();
    parts.keyValueStore(MergeGateStores.QUANTILES, Serdes.Long());
    parts.windowStore(MergeGateStores.COUNTED, settings.remember().toMillis(), Serdes.Double());
    parts.keyValueStore(MergeGateStores.APPROVALS, Serdes.Long());
    parts.keyValueStore(MergeGateStores.PENDING, parts.serdes.valueSerde(Topics.WASTE_FINDINGS));
    parts.windowStore(MergeGateStores.DECIDED, settings.remember().toMillis(), Serdes.Long());
    parts.builder.stream(
            parts.topics.name(Topics.PR_REVIEWS),
            Consumed.with(Serdes.String(), parts.serdes.valueSerde(Topics.PR_REVIEWS))
                .withName(REVIEWS_SOURCE))
        .process(ApprovalRecorder::new, Named.as(ApprovalRecorder.NAME), MergeGateStores.ALL);
    parts.toFindings(
        attributions
            .filter((key, pr) -> pr.getFinalized(), Named.as(FINAL_PRS))
            .selectKey((key, pr) -> pr.getRepository(), Named.as(FINAL_PRS_KEY_BY_REPOSITORY))
            .repartition(
                Repartitioned.<String, PrAttribution>as(FINAL_PRS_REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(parts.serdes.valueSerde(Topics.PR_ATTRIBUTION))
                    .withNumberOfPartitions(parts.topics.partitions(Topics.PR_REVIEWS)))
            .process(
                () -> new UnapprovedAiHeavyMergeDetector(settings),
                Named.as(UnapprovedAiHeavyMergeDetector.NAME),
                MergeGateStores.ALL),
        UNAPPROVED_SINK);
  }

  /**
   * INCIDENT_AFTER_AI_HEAVY_PR on one partition: the organisation's top decile is one estimate over
   * every merged pull request, so merged pull requests and incident links are both re-keyed to the
   * organisation (low volume: one record per merge and per link).
   */
  private static void incidentAfterAiHeavyPr(
      DetectorParts parts, KStream<String, PrAttribution> attributions) {
    DetectorConfig.IncidentAfterAiHeavyPr settings = parts.config.incidentAfterAiHeavyPr();
    parts.builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(MergedPrCostRecorder.QUANTILES_STORE),
            Serdes.String(),
            Serdes.Long()));
    parts.windowStore(
        MergedPrCostRecorder.AUTHORS_STORE, parts.retention(settings.window()), Serdes.String());
    parts.windowStore(
        IncidentAfterAiHeavyPrDetector.REPORTED_STORE,
        settings.remember().toMillis(),
        Serdes.Long());
    parts.builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(IncidentAfterAiHeavyPrDetector.PENDING_STORE),
            Serdes.String(),
            parts.serdes.valueSerde(Topics.WASTE_FINDINGS)));
    attributions
        .filter((key, pr) -> pr.getFinalized() && pr.getMerged(), Named.as(MERGED_PRS))
        .selectKey((key, pr) -> ORGANISATION, Named.as(MERGED_PRS_KEY_BY_ORGANISATION))
        .repartition(
            Repartitioned.<String, PrAttribution>as(MERGED_PRS_REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(parts.serdes.valueSerde(Topics.PR_ATTRIBUTION))
                .withNumberOfPartitions(1))
        .process(
            MergedPrCostRecorder::new,
            Named.as(MergedPrCostRecorder.NAME),
            MergedPrCostRecorder.QUANTILES_STORE,
            MergedPrCostRecorder.AUTHORS_STORE);
    parts.toFindings(
        parts.builder.stream(
                parts.topics.name(Topics.INCIDENT_LINKS),
                Consumed.with(Serdes.String(), parts.serdes.valueSerde(Topics.INCIDENT_LINKS))
                    .withName(INCIDENT_LINKS_SOURCE))
            .selectKey((key, link) -> ORGANISATION, Named.as(INCIDENT_LINKS_KEY_BY_ORGANISATION))
            .repartition(
                Repartitioned.<String, IncidentLink>as(INCIDENT_LINKS_REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(parts.serdes.valueSerde(Topics.INCIDENT_LINKS))
                    .withNumberOfPartitions(1))
            .process(
                () -> new IncidentAfterAiHeavyPrDetector(settings),
                Named.as(IncidentAfterAiHeavyPrDetector.NAME),
                MergedPrCostRecorder.QUANTILES_STORE,
                MergedPrCostRecorder.AUTHORS_STORE,
                IncidentAfterAiHeavyPrDetector.REPORTED_STORE,
                IncidentAfterAiHeavyPrDetector.PENDING_STORE),
        INCIDENT_SINK);
  }

  /** ABANDONED_SPEND straight from {@code pr-attribution}, which is keyed by pull request. */
  private static void abandonedSpend(
      DetectorParts parts, KStream<String, PrAttribution> attributions) {
    DetectorConfig.AbandonedSpend settings = parts.config.abandonedSpend();
    parts.windowStore(
        AbandonedSpendDetector.STORE,
        settings.remember().toMillis(),
        parts.serdes.valueSerde(Topics.WASTE_FINDINGS));
    parts.builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(AbandonedSpendDetector.PENDING_STORE),
            Serdes.String(),
            parts.serdes.valueSerde(Topics.WASTE_FINDINGS)));
    parts.toFindings(
        attributions.process(
            () -> new AbandonedSpendDetector(settings),
            Named.as(AbandonedSpendDetector.NAME),
            AbandonedSpendDetector.STORE,
            AbandonedSpendDetector.PENDING_STORE),
        ABANDONED_SPEND_SINK);
  }
}
