package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
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

/** The waste detectors, added to the job's topology in one call; every part writes to {@code waste-findings}. */
public final class Detectors {

  public static final String ACTIVITY_SOURCE = "detect-agent-activity-source";

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
    SessionDetectors.addTo(parts, pricesStore, enriched, activity);
    EngineerDetectors.addTo(parts, directoryStore, enriched, activity);
  }
}
