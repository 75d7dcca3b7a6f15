package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * DUPLICATE_GENERATION on its own sub-topology, keyed by engineer: hashed user prompts resolved to their engineer
 * through the directory and repartitioned ({@code detect-prompts-by-engineer}), and the enriched requests that serve
 * a prompt, repartitioned the same way ({@code detect-prompt-usage-by-engineer}) to price the repeats.
 */
final class PromptDetectors {

  static final String PROMPT_REPARTITION = "detect-prompts-by-engineer";
  static final String USAGE_WITH_PROMPT = "detect-usage-with-prompt";
  static final String USAGE_REPARTITION = "detect-prompt-usage-by-engineer";
  static final String DUPLICATE_SINK = "detect-duplicate-generation-sink";

  private PromptDetectors() {}

  static void addTo(DetectorParts parts, String directoryStore, KStream<String, TokenUsage> enriched,
      KStream<String, AgentActivity> activity) {
    int partitions = parts.topics.partitions(Topics.TOKEN_USAGE_ENRICHED);
    long retention = parts.retention(parts.config.duplicateGeneration().window());
    parts.windowStore(PromptCostRecorder.STORE, retention, new SampleSerde(), true);
    parts.windowStore(DuplicateGenerationDetector.PROMPT_IDS_STORE, retention, Serdes.String(), true);

    enriched
        .filter((key, usage) -> usage.getEngineerId() != null && usage.getPromptId() != null,
            Named.as(USAGE_WITH_PROMPT))
        .repartition(Repartitioned.<String, TokenUsage>as(USAGE_REPARTITION).withKeySerde(Serdes.String())
            .withValueSerde(parts.serdes.valueSerde(Topics.TOKEN_USAGE_ENRICHED)).withNumberOfPartitions(partitions))
        .process(PromptCostRecorder::new, Named.as(PromptCostRecorder.NAME), PromptCostRecorder.STORE);

    parts.toFindings(activity
        .process(() -> new PromptEngineerResolver(directoryStore), Named.as(PromptEngineerResolver.NAME))
        .repartition(Repartitioned.<String, AgentActivity>as(PROMPT_REPARTITION).withKeySerde(Serdes.String())
            .withValueSerde(parts.serdes.valueSerde(Topics.AGENT_ACTIVITY)).withNumberOfPartitions(partitions))
        .process(() -> new DuplicateGenerationDetector(parts.config.duplicateGeneration()),
            Named.as(DuplicateGenerationDetector.NAME), parts.burstStores(DuplicateGenerationDetector.EVENTS_STORE,
                DuplicateGenerationDetector.OCCURRENCES_STORE, retention,
                DuplicateGenerationDetector.PROMPT_IDS_STORE, PromptCostRecorder.STORE)), DUPLICATE_SINK);
  }
}
