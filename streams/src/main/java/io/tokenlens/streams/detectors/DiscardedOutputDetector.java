package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.ToolDecision;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.DiscardedOutput;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.streams.enrichment.IdentityResolver;
import java.util.HashMap;
import java.util.Optional;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * DISCARDED_OUTPUT: at least {@code rejections.count} rejected decisions on generated edits (tool decisions
 * {@code REJECT} on one of {@code tools}) within {@code rejections.window} in one session. Reads
 * {@code agent-activity} keyed by session; the subject is the session. The wasted estimate is the tokens and cost
 * of the requests serving the prompts whose edits were rejected, up to the last rejection ({@link #COST_STORE},
 * filled from the session's usage). Engineer and team: the decision's raw identities resolved through the
 * directory, as enrichment does.
 */
public final class DiscardedOutputDetector extends BurstDetector<AgentActivity> {

  public static final String NAME = "detect-discarded-output";
  public static final String EVENTS_STORE = "detect-discarded-output-rejections-store";
  public static final String OCCURRENCES_STORE = "detect-discarded-output-occurrences-store";
  public static final String PROMPT_IDS_STORE = "detect-discarded-output-prompt-ids-store";
  public static final String COST_STORE = "detect-discarded-output-prompt-cost-store";

  private final Set<String> tools;
  private WindowStore<String, String> promptIds;
  private WindowStore<String, Sample> costs;
  private final String directoryStore;
  private IdentityResolver resolver;

  public DiscardedOutputDetector(DiscardedOutput settings, String directoryStore) {
    super(settings.rejections(), EVENTS_STORE, OCCURRENCES_STORE);
    this.tools = Set.copyOf(settings.tools());
    this.directoryStore = directoryStore;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    promptIds = context.getStateStore(PROMPT_IDS_STORE);
    costs = context.getStateStore(COST_STORE);
    TimestampedKeyValueStore<String, DirectoryEntry> directory = context.getStateStore(directoryStore);
    resolver = new IdentityResolver(key -> ValueAndTimestamp.getValueOrNull(directory.get(key)));
  }

  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity a = record.value();
    if (a == null || a.getKind() != ActivityKind.TOOL_DECISION || a.getDecision() != ToolDecision.REJECT
        || a.getSessionId() == null || !tools.contains(a.getToolName())) {
      return;
    }
    String session = a.getSessionId();
    long time = a.getOccurredAt().toEpochMilli();
    if (a.getPromptId() != null) {
      promptIds.put(session, a.getPromptId(), time);
    }
    bursts.add(session, time, new Sample(0, 0, 0)).ifPresent(burst -> {
      Set<String> rejectedPrompts = new HashSet<>();
      try (WindowStoreIterator<String> it = promptIds.fetch(session, burst.start(), burst.end())) {
        it.forEachRemaining(kv -> rejectedPrompts.add(kv.value));
      }
      long window = threshold.window().toMillis();
      long tokens = 0;
      double cost = 0;
      for (String promptId : rejectedPrompts) {
        Sample spent = PromptCostRecorder.spent(costs, session, promptId, burst.start() - window, burst.end());
        tokens += spent.tokens();
        cost += spent.costUsd();
      }
      Optional<IdentityResolver.Resolution> engineer =
          resolver.resolve(a.getUserId(), a.getUserEmail(), a.getAccountId(), a.getApiKeyId());
      Map<String, Double> evidence = new HashMap<>();
      evidence.put("rejections", (double) burst.count());
      evidence.put("prompts", (double) rejectedPrompts.size());
      Findings.emit(context, Findings.builder(WastePattern.DISCARDED_OUTPUT, session, burst.start(), burst.end(),
              context.currentSystemTimeMs())
          .setEngineerId(engineer.map(IdentityResolver.Resolution::engineerId).orElse(null))
          .setTeam(engineer.map(r -> r.engineer() == null ? null : r.engineer().getTeam()).orElse(null)).setSessionId(session).setRepository(a.getRepository())
          .setTokens(tokens).setEstimatedWastedCostUsd(cost).setEvidence(evidence)
          .setSummary(burst.count() + " generated edits were rejected in the session within "
              + (burst.end() - burst.start()) / 1000 + " s.")
          .build());
    });
  }
}
