package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.config.DetectorConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The session-scoped detectors (LOOPING_AGENT, RETRY_STORM, CONTEXT_BLOAT, CACHE_THRASH,
 * DISCARDED_OUTPUT) in the enrichment's own task: {@code token-usage} and {@code agent-activity}
 * are both keyed by session and have one partition count, so a session's requests, once
 * deduplicated and enriched, meet its prompts and tool calls where they are read, with no
 * repartition in between. A request whose record key is not its session id (a producer that does
 * not key as the catalog says) is the one exception: it is re-keyed through {@code
 * detect-usage-by-session}, which carries nothing while every producer keys by session. The
 * engineer and team of a finding come from the enriched usage itself; activity's raw identities are
 * never needed here.
 */
final class SessionDetectors {

  static final String USAGE_WITH_SESSION = "detect-usage-with-session";
  static final String USAGE_KEYED = "detect-usage-";
  static final String KEYED_BY_SESSION = "keyed-by-session";
  static final String KEYED_OTHERWISE = "keyed-otherwise";
  static final String KEY_BY_SESSION = "detect-usage-key-by-session";
  static final String USAGE_REPARTITION = "detect-usage-by-session";
  static final String USAGE_MERGE = "detect-usage-of-sessions";
  static final String LOOPING_SINK = "detect-looping-agent-sink";
  static final String RETRY_STORM_SINK = "detect-retry-storm-sink";
  static final String CONTEXT_BLOAT_SINK = "detect-context-bloat-sink";
  static final String CACHE_THRASH_SINK = "detect-cache-thrash-sink";
  static final String SESSION_PROMPT_COST = "detect-record-session-prompt-cost";
  static final String DISCARDED_SINK = "detect-discarded-output-sink";

  private SessionDetectors() {}

  static void addTo(
      DetectorParts parts,
      String directoryStore,
      String pricesStore,
      KStream<String, TokenUsage> usage,
      KStream<String, AgentActivity> activity) {
    DetectorConfig config = parts.config;
    // prompts and tool calls come straight from agent-activity, which may run ahead of the
    // repartitioned usage, and
    // the repartitioned usage of one session may run hours behind another's (they come from
    // different enrichment
    // tasks): every store here expires by its own stream time, so each keeps at least the session
    // activity retention
    long activityRetention = config.sessionActivityRetention().toMillis();
    long looping =
        Math.max(parts.retention(config.loopingAgent().repeats().window()), activityRetention);
    parts.logStore(SessionPrompts.STORE, looping);
    activity.process(
        () -> new UserPromptRecorder(SessionPrompts.STORE),
        Named.as(UserPromptRecorder.NAME),
        SessionPrompts.STORE);
    parts.logStore(SessionToolCalls.STORE, looping);
    activity.process(
        ToolCallRecorder::new, Named.as(ToolCallRecorder.NAME), SessionToolCalls.STORE);

    Map<String, KStream<String, TokenUsage>> keyed =
        usage
            .filter((key, u) -> u.getSessionId() != null, Named.as(USAGE_WITH_SESSION))
            .split(Named.as(USAGE_KEYED))
            .branch((key, u) -> u.getSessionId().equals(key), Branched.as(KEYED_BY_SESSION))
            .defaultBranch(Branched.as(KEYED_OTHERWISE));
    KStream<String, TokenUsage> rekeyed =
        parts.repartition(
            keyed
                .get(USAGE_KEYED + KEYED_OTHERWISE)
                .selectKey((key, u) -> u.getSessionId(), Named.as(KEY_BY_SESSION)),
            USAGE_REPARTITION,
            Topics.TOKEN_USAGE_ENRICHED,
            parts.topics.partitions(Topics.AGENT_ACTIVITY));
    KStream<String, TokenUsage> bySession =
        keyed.get(USAGE_KEYED + KEYED_BY_SESSION).merge(rekeyed, Named.as(USAGE_MERGE));

    parts.detect(
        bySession,
        () ->
            new LoopingAgentDetector(config.loopingAgent(), config.grace(), config.sessionSettle()),
        LoopingAgentDetector.NAME,
        LOOPING_SINK,
        parts.settlingBurstStores(
            LoopingAgentDetector.EVENTS_STORE,
            LoopingAgentDetector.OCCURRENCES_STORE,
            LoopingAgentDetector.PENDING_STORE,
            looping,
            SessionPrompts.STORE,
            SessionToolCalls.STORE));
    parts.detect(
        bySession,
        () -> new RetryStormDetector(config.retryStorm(), config.grace(), config.sessionSettle()),
        RetryStormDetector.NAME,
        RETRY_STORM_SINK,
        parts.settlingBurstStores(
            RetryStormDetector.EVENTS_STORE,
            RetryStormDetector.OCCURRENCES_STORE,
            RetryStormDetector.PENDING_STORE,
            Math.max(parts.retention(config.retryStorm().window()), activityRetention)));
    parts.detect(
        bySession,
        () ->
            new ContextBloatDetector(config.contextBloat(), config.grace(), config.sessionSettle()),
        ContextBloatDetector.NAME,
        CONTEXT_BLOAT_SINK,
        parts.settlingBurstStores(
            ContextBloatDetector.EVENTS_STORE,
            ContextBloatDetector.OCCURRENCES_STORE,
            ContextBloatDetector.PENDING_STORE,
            Math.max(parts.retention(config.contextBloat().lookback()), activityRetention)));
    long thrash =
        Math.max(parts.retention(config.cacheThrash().rewrites().window()), activityRetention);
    parts.logStore(CacheThrashDetector.REQUESTS_STORE, thrash);
    parts.detect(
        bySession,
        () ->
            new CacheThrashDetector(
                config.cacheThrash(), pricesStore, config.grace(), config.sessionSettle()),
        CacheThrashDetector.NAME,
        CACHE_THRASH_SINK,
        parts.settlingBurstStores(
            CacheThrashDetector.EVENTS_STORE,
            CacheThrashDetector.OCCURRENCES_STORE,
            CacheThrashDetector.PENDING_STORE,
            thrash,
            CacheThrashDetector.REQUESTS_STORE));

    long discarded =
        Math.max(parts.retention(config.discardedOutput().decisions().window()), activityRetention);
    parts.logStore(DiscardedOutputDetector.COST_STORE, discarded);
    parts.logStore(DiscardedOutputDetector.DECISIONS_STORE, discarded);
    parts.windowStore(DiscardedOutputDetector.OCCURRENCES_STORE, discarded, Serdes.Long());
    bySession.process(
        () -> new PromptCostRecorder(DiscardedOutputDetector.COST_STORE, TokenUsage::getSessionId),
        Named.as(SESSION_PROMPT_COST),
        DiscardedOutputDetector.COST_STORE);
    parts.keyValueStore(DiscardedOutputDetector.PENDING_STORE, new PendingRequestSerde());
    parts.detect(
        activity,
        () ->
            new DiscardedOutputDetector(
                config.discardedOutput(), directoryStore, config.grace(), config.sessionSettle()),
        DiscardedOutputDetector.NAME,
        DISCARDED_SINK,
        DiscardedOutputDetector.DECISIONS_STORE,
        DiscardedOutputDetector.OCCURRENCES_STORE,
        DiscardedOutputDetector.COST_STORE,
        DiscardedOutputDetector.PENDING_STORE);
  }
}
