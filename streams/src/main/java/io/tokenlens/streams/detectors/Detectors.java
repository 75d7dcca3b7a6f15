package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.topology.EventTimeExtractor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** The waste detectors, added to the job's topology in one call; every part writes to {@code waste-findings}. */
public final class Detectors {

  public static final String ACTIVITY_SOURCE = "detect-agent-activity-source";
  public static final String PR_ATTRIBUTION_SOURCE = "detect-pr-attribution-source";
  public static final String ABANDONED_SPEND_SINK = "detect-abandoned-spend-sink";

  private Detectors() {}

  /**
   * Adds every detector over {@code enriched} (enriched usage keyed by engineer) and {@code agent-activity};
   * {@code directoryStore} and {@code pricesStore} are the directory's and the prices' global stores.
   */
  public static void addTo(StreamsBuilder builder, DetectorConfig config, TopicSettings topics, TopicSerdes serdes,
      String directoryStore, String pricesStore, KStream<String, TokenUsage> enriched) {
    DetectorParts parts = new DetectorParts(builder, config, topics, serdes);
    KStream<String, AgentActivity> activity = builder.stream(topics.name(Topics.AGENT_ACTIVITY),
        Consumed.with(Serdes.String(), serdes.valueSerde(Topics.AGENT_ACTIVITY))
            .withTimestampExtractor(new EventTimeExtractor()).withName(ACTIVITY_SOURCE));
    KStream<String, PrAttribution> attributions = builder.stream(topics.name(Topics.PR_ATTRIBUTION),
        Consumed.with(Serdes.String(), serdes.valueSerde(Topics.PR_ATTRIBUTION)).withName(PR_ATTRIBUTION_SOURCE));
    SessionDetectors.addTo(parts, directoryStore, pricesStore, enriched, activity);
    EngineerDetectors.addTo(parts, directoryStore, enriched, activity, attributions);
    abandonedSpend(parts, attributions);
  }

  /** ABANDONED_SPEND straight from {@code pr-attribution}, which is keyed by pull request. */
  private static void abandonedSpend(DetectorParts parts, KStream<String, PrAttribution> attributions) {
    DetectorConfig.AbandonedSpend settings = parts.config.abandonedSpend();
    parts.windowStore(AbandonedSpendDetector.STORE, settings.remember().toMillis(), Serdes.Long(), false);
    parts.toFindings(attributions.process(() -> new AbandonedSpendDetector(settings.minTokens()),
        Named.as(AbandonedSpendDetector.NAME), AbandonedSpendDetector.STORE), ABANDONED_SPEND_SINK);
  }
}
