package io.tokenlens.streams.incidents;

import static io.tokenlens.streams.topology.TopologyNames.*;

import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.attribution.PrStreams;
import io.tokenlens.streams.config.IncidentLinkSettings;
import io.tokenlens.streams.topology.EventTimeExtractor;
import io.tokenlens.streams.topology.TopologyContext;
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
 * The incident ↔ pull-request part of the topology (see {@link IncidentLinkProcessor} for the
 * constructs):
 *
 * <pre>
 * pr-attribution ─► final merges with a service ─► key by service ─► incident-merged-pr-by-service (repartition)
 *   ─► incident-remember-merged-pr ─► incident-links-merge
 * pr-events (merges) ─► incident-merged-commits (one record per commit, keyed by service)
 *   ─► incident-merged-commit-by-service (repartition) ─► incident-remember-commit (incident-commit-store)
 * incident-events (keyed by service) ─► incident-link ─► incident-links-merge ─► incident-links
 * </pre>
 *
 * {@code incident-remember-merged-pr} writes {@code incident-merged-pr-store}, {@code
 * incident-link} writes {@code incident-triggered-store}; each reads the other's store and {@code
 * incident-commit-store}, so a pair is linked by whichever side comes second, and both share {@code
 * incident-linked-store}, so it is emitted once.
 */
public final class IncidentLinkTopology {

  private IncidentLinkTopology() {}

  /**
   * Adds the incident links of {@code pr} (merged pull requests from its attributions, merged
   * commits from its events) and {@code incident-events}, writing {@code incident-links}.
   */
  public static void add(TopologyContext context, PrStreams pr) {
    StreamsBuilder builder = context.builder();
    TopicSettings topics = context.topics();
    IncidentLinkSettings settings = context.config().incidents();
    Serde<PrAttribution> attributionSerde = context.valueSerde(Topics.PR_ATTRIBUTION);
    Serde<IncidentEvent> incidentSerde = context.valueSerde(Topics.INCIDENT_EVENTS);
    Serde<IncidentLink> linkSerde = context.valueSerde(Topics.INCIDENT_LINKS);
    IncidentLinkStores stores =
        new IncidentLinkStores(
            INCIDENT_MERGED_PR_STORE,
            INCIDENT_TRIGGERED_STORE,
            INCIDENT_LINKED_STORE,
            INCIDENT_COMMIT_STORE);
    addWindowStore(builder, INCIDENT_MERGED_PR_STORE, settings, attributionSerde);
    addWindowStore(builder, INCIDENT_TRIGGERED_STORE, settings, incidentSerde);
    addWindowStore(builder, INCIDENT_LINKED_STORE, settings, Serdes.Long());
    addWindowStore(builder, INCIDENT_COMMIT_STORE, settings, Serdes.String());

    KStream<String, IncidentLink> fromMerges =
        pr.attributions()
            .filter(
                (key, attribution) -> MergedPrProcessor.isFinalMerge(attribution),
                Named.as(INCIDENT_MERGED_PRS))
            .selectKey(
                (key, attribution) -> attribution.getService(),
                Named.as(INCIDENT_MERGED_PR_KEY_BY_SERVICE))
            .repartition(
                Repartitioned.<String, PrAttribution>as(INCIDENT_MERGED_PR_REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(attributionSerde)
                    .withNumberOfPartitions(topics.partitions(Topics.INCIDENT_EVENTS)))
            .process(
                () -> new MergedPrProcessor(settings, stores),
                Named.as(INCIDENT_REMEMBER_MERGED_PR),
                stores.all());

    pr.events()
        .process(
            () -> new MergedCommitProcessor(DIRECTORY_STORE), Named.as(INCIDENT_MERGED_COMMITS))
        .repartition(
            Repartitioned.<String, String>as(INCIDENT_MERGED_COMMIT_REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.String())
                .withNumberOfPartitions(topics.partitions(Topics.INCIDENT_EVENTS)))
        .process(
            () -> new MergedCommits.Remember(INCIDENT_COMMIT_STORE),
            Named.as(INCIDENT_REMEMBER_COMMIT),
            INCIDENT_COMMIT_STORE);

    builder.stream(
            topics.name(Topics.INCIDENT_EVENTS),
            Consumed.with(Serdes.String(), incidentSerde)
                .withTimestampExtractor(new EventTimeExtractor())
                .withName(INCIDENT_EVENTS_SOURCE))
        .process(
            () -> new IncidentLinkProcessor(settings, stores),
            Named.as(INCIDENT_LINK),
            stores.all())
        .merge(fromMerges, Named.as(INCIDENT_LINKS_MERGE))
        .to(
            topics.name(Topics.INCIDENT_LINKS),
            Produced.with(Serdes.String(), linkSerde).withName(INCIDENT_LINKS_SINK));
  }

  /** A window store bounded by the link retention, one value per key and timestamp. */
  private static <V> void addWindowStore(
      StreamsBuilder builder, String name, IncidentLinkSettings settings, Serde<V> valueSerde) {
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(name, settings.retention(), settings.retention(), false),
            Serdes.String(),
            valueSerde));
  }
}
