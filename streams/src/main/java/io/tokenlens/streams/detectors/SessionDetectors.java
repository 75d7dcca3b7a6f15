package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.DetectorConfig;
import io.tokenlens.streams.topology.EventTimeExtractor;
import java.time.Duration;
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
 * The session-scoped detectors (LOOPING_AGENT, RETRY_STORM, CONTEXT_BLOAT) on one sub-topology: enriched usage
 * re-keyed by session and repartitioned to as many partitions as {@code agent-activity}, which is keyed by session,
 * so a session's requests and its user prompts meet in one task. The engineer and team of a finding come from the
 * enriched usage itself; activity's raw identities are never needed here.
 */
public final class SessionDetectors {

  public static final String USAGE_WITH_SESSION = "detect-usage-with-session";
  public static final String KEY_BY_SESSION = "detect-usage-key-by-session";
  public static final String USAGE_REPARTITION = "detect-usage-by-session";
  public static final String ACTIVITY_SOURCE = "detect-agent-activity-source";
  public static final String LOOPING_SINK = "detect-looping-agent-sink";
  public static final String RETRY_STORM_SINK = "detect-retry-storm-sink";
  public static final String CONTEXT_BLOAT_SINK = "detect-context-bloat-sink";

  private final StreamsBuilder builder;
  private final DetectorConfig config;
  private final TopicSettings topics;
  private final TopicSerdes serdes;

  private SessionDetectors(StreamsBuilder builder, DetectorConfig config, TopicSettings topics, TopicSerdes serdes) {
    this.builder = builder;
    this.config = config;
    this.topics = topics;
    this.serdes = serdes;
  }

  /** Adds the session detectors over {@code enriched} to {@code builder}, writing to {@code waste-findings}. */
  public static void addTo(StreamsBuilder builder, DetectorConfig config, TopicSettings topics, TopicSerdes serdes,
      KStream<String, TokenUsage> enriched) {
    new SessionDetectors(builder, config, topics, serdes).build(enriched);
  }

  private void build(KStream<String, TokenUsage> enriched) {
    long grace = config.grace().toMillis();
    long looping = BurstCounter.retention(config.loopingAgent().window().toMillis(), grace);
    windowStore(SessionPrompts.STORE, looping, Serdes.String(), true);
    builder.stream(topics.name(Topics.AGENT_ACTIVITY), Consumed.with(Serdes.String(),
            serdes.valueSerde(Topics.AGENT_ACTIVITY)).withTimestampExtractor(new EventTimeExtractor())
            .withName(ACTIVITY_SOURCE))
        .process(UserPromptRecorder::new, Named.as(UserPromptRecorder.NAME), SessionPrompts.STORE);

    KStream<String, TokenUsage> bySession = enriched
        .filter((key, usage) -> usage.getSessionId() != null, Named.as(USAGE_WITH_SESSION))
        .selectKey((key, usage) -> usage.getSessionId(), Named.as(KEY_BY_SESSION))
        .repartition(Repartitioned.<String, TokenUsage>as(USAGE_REPARTITION).withKeySerde(Serdes.String())
            .withValueSerde(serdes.valueSerde(Topics.TOKEN_USAGE_ENRICHED))
            .withNumberOfPartitions(topics.partitions(Topics.AGENT_ACTIVITY)));

    findings(bySession.process(() -> new LoopingAgentDetector(config.loopingAgent()),
        Named.as(LoopingAgentDetector.NAME), stores(LoopingAgentDetector.EVENTS_STORE,
            LoopingAgentDetector.OCCURRENCES_STORE, looping, SessionPrompts.STORE)), LOOPING_SINK);

    long retry = BurstCounter.retention(config.retryStorm().window().toMillis(), grace);
    findings(bySession.process(() -> new RetryStormDetector(config.retryStorm()), Named.as(RetryStormDetector.NAME),
        stores(RetryStormDetector.EVENTS_STORE, RetryStormDetector.OCCURRENCES_STORE, retry)), RETRY_STORM_SINK);

    long bloat = BurstCounter.retention(config.contextBloat().lookback().toMillis(), grace);
    findings(bySession.process(() -> new ContextBloatDetector(config.contextBloat()),
        Named.as(ContextBloatDetector.NAME), stores(ContextBloatDetector.EVENTS_STORE,
            ContextBloatDetector.OCCURRENCES_STORE, bloat)), CONTEXT_BLOAT_SINK);
  }

  /** Adds a detector's event store and occurrence store; returns their names, then {@code shared}. */
  private String[] stores(String events, String occurrences, long retention, String... shared) {
    windowStore(events, retention, new SampleSerde(), true);
    windowStore(occurrences, retention, Serdes.Long(), false);
    String[] names = new String[2 + shared.length];
    names[0] = events;
    names[1] = occurrences;
    System.arraycopy(shared, 0, names, 2, shared.length);
    return names;
  }

  private <V> void windowStore(String name, long retention, Serde<V> valueSerde, boolean duplicates) {
    Duration r = Duration.ofMillis(retention);
    builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(name, r, r, duplicates),
        Serdes.String(), valueSerde));
  }

  private void findings(KStream<String, WasteFinding> findings, String sinkName) {
    findings.to(topics.name(Topics.WASTE_FINDINGS),
        Produced.with(Serdes.String(), serdes.valueSerde(Topics.WASTE_FINDINGS)).withName(sinkName));
  }
}
