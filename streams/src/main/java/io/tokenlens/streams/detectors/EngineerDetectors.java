package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.state.BufferedKeyValueStore;
import io.tokenlens.streams.topology.EventTimeExtractor;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The engineer-scoped detectors (DUPLICATE_GENERATION, OVERNIGHT_PADDING) on one sub-topology,
 * keyed by engineer: the enriched requests of resolved engineers, read back from {@code
 * token-usage-enriched} (keyed by engineer, so no copy of it is needed), user prompts resolved to
 * their engineer through the directory ({@code detect-prompts-by-engineer}), and pull-request
 * activity per engineer named in {@code pr-attribution} ({@code detect-pr-activity-by-engineer}),
 * all with as many partitions as {@code token-usage-enriched}.
 */
final class EngineerDetectors {

  static final String USAGE_SOURCE = "detect-token-usage-enriched-source";
  static final String USAGE_WITH_ENGINEER = "detect-usage-with-engineer";
  static final String PROMPT_REPARTITION = "detect-prompts-by-engineer";
  static final String PR_ACTIVITY_ENGINEERS = "detect-pr-activity-engineers";
  static final String PR_ACTIVITY_REPARTITION = "detect-pr-activity-by-engineer";
  static final String OVERNIGHT_PROMPTS = "detect-record-overnight-prompts";
  static final String DUPLICATE_SINK = "detect-duplicate-generation-sink";
  static final String PROMPTS_AND_REQUESTS = "detect-duplicate-generation-prompts-and-requests";
  static final String OVERNIGHT_SINK = "detect-overnight-padding-sink";

  /** How long an off-hours stretch may last (a long weekend) before its look-ahead starts. */
  static final Duration LONGEST_STRETCH = Duration.ofDays(4);

  private EngineerDetectors() {}

  static void addTo(
      DetectorParts parts,
      String directoryStore,
      KStream<String, AgentActivity> activity,
      KStream<String, PrAttribution> attributions) {
    int partitions = parts.topics.partitions(Topics.TOKEN_USAGE_ENRICHED);
    KStream<String, TokenUsage> usage =
        parts.builder.stream(
                parts.topics.name(Topics.TOKEN_USAGE_ENRICHED),
                Consumed.with(Serdes.String(), parts.serdes.valueSerde(Topics.TOKEN_USAGE_ENRICHED))
                    .withTimestampExtractor(new EventTimeExtractor())
                    .withName(USAGE_SOURCE))
            .filter((key, u) -> u.getEngineerId() != null, Named.as(USAGE_WITH_ENGINEER));
    KStream<String, AgentActivity> prompts =
        parts.repartition(
            activity.process(
                () -> new PromptEngineerResolver(directoryStore),
                Named.as(PromptEngineerResolver.NAME)),
            PROMPT_REPARTITION,
            Topics.AGENT_ACTIVITY,
            partitions);
    duplicateGeneration(parts, usage, prompts);
    overnightPadding(parts, directoryStore, usage, prompts, attributions, partitions);
  }

  private static void duplicateGeneration(
      DetectorParts parts,
      KStream<String, TokenUsage> usage,
      KStream<String, AgentActivity> prompts) {
    long retention = parts.retention(parts.config.duplicateGeneration().repeats().window());
    // an engineer's prompts come from the tasks of each of their sessions, which may run hours
    // apart in event time
    // (each as far ahead of its usage as the session activity retention allows): the prompt stores
    // expire by the
    // prompts' own stream time, so they are kept as long as the session detectors keep activity; so
    // are the requests'
    // costs, since one session's requests may be recorded hours behind another's
    long promptRetention = Math.max(retention, parts.config.sessionActivityRetention().toMillis());
    parts.builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DuplicateGenerationDetector.SHAPES_STORE),
            Serdes.String(),
            parts.serdes.valueSerde(Topics.AGENT_ACTIVITY)));
    parts.logStore(PromptCostRecorder.STORE, promptRetention);
    parts.logStore(DuplicateGenerationDetector.PROMPT_IDS_STORE, promptRetention);
    // the detector sees each request once it is recorded, to take the shapes of the prompts it
    // settles
    KStream<String, AgentActivity> recorded =
        usage.process(
            () -> new PromptCostRecorder(PromptCostRecorder.STORE, TokenUsage::getEngineerId),
            Named.as(PromptCostRecorder.NAME),
            PromptCostRecorder.STORE);
    parts.detect(
        prompts.merge(recorded, Named.as(PROMPTS_AND_REQUESTS)),
        () -> new DuplicateGenerationDetector(parts.config.duplicateGeneration(), promptRetention),
        DuplicateGenerationDetector.NAME,
        DUPLICATE_SINK,
        parts.burstStores(
            DuplicateGenerationDetector.EVENTS_STORE,
            DuplicateGenerationDetector.OCCURRENCES_STORE,
            promptRetention,
            DuplicateGenerationDetector.PROMPT_IDS_STORE,
            PromptCostRecorder.STORE,
            DuplicateGenerationDetector.SHAPES_STORE));
  }

  private static void overnightPadding(
      DetectorParts parts,
      String directoryStore,
      KStream<String, TokenUsage> usage,
      KStream<String, AgentActivity> prompts,
      KStream<String, PrAttribution> attributions,
      int partitions) {
    DetectorConfig.OvernightPadding settings = parts.config.overnightPadding();
    // prompts, requests and pull-request activity are all judged when a stretch is decided, after
    // its look-ahead
    long untilDecided = parts.retention(settings.lookahead()) + LONGEST_STRETCH.toMillis();
    parts.logStore(OvernightPaddingDetector.PROMPTS_STORE, untilDecided);
    parts.logStore(PrActivityRecorder.STORE, untilDecided);
    parts.logStore(OvernightPaddingDetector.REQUESTS_STORE, untilDecided);
    parts.builder.addStateStore(
        BufferedKeyValueStore.storeBuilder(
            OvernightPaddingDetector.NIGHTS_STORE, parts.serdes.valueSerde(Topics.WASTE_FINDINGS)));

    prompts.process(
        () -> new UserPromptRecorder(OvernightPaddingDetector.PROMPTS_STORE),
        Named.as(OVERNIGHT_PROMPTS),
        OvernightPaddingDetector.PROMPTS_STORE);
    parts
        .repartition(
            attributions.flatMap(
                (key, pr) -> engineers(pr).stream().map(e -> KeyValue.pair(e, pr)).toList(),
                Named.as(PR_ACTIVITY_ENGINEERS)),
            PR_ACTIVITY_REPARTITION,
            Topics.PR_ATTRIBUTION,
            partitions)
        .process(
            PrActivityRecorder::new, Named.as(PrActivityRecorder.NAME), PrActivityRecorder.STORE);
    parts.detect(
        usage,
        () -> new OvernightPaddingDetector(settings, parts.config.grace(), directoryStore),
        OvernightPaddingDetector.NAME,
        OVERNIGHT_SINK,
        OvernightPaddingDetector.NIGHTS_STORE,
        OvernightPaddingDetector.REQUESTS_STORE,
        OvernightPaddingDetector.PROMPTS_STORE,
        PrActivityRecorder.STORE);
  }

  /** The author and every contributing engineer of a pull request. */
  private static List<String> engineers(PrAttribution pr) {
    Set<String> ids = new LinkedHashSet<>();
    if (pr.getAuthorEngineerId() != null) {
      ids.add(pr.getAuthorEngineerId());
    }
    ids.addAll(pr.getEngineerIds());
    return List.copyOf(ids);
  }
}
