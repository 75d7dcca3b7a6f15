package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.Repeats;
import io.tokenlens.streams.topology.StreamsCounters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * DUPLICATE_GENERATION: the same prompt hash from the same engineer at least {@code count} times within
 * {@code window}, in any of their sessions. Reads user prompts keyed by engineer ({@link PromptEngineerResolver});
 * the subject is {@code <engineer>:<prompt hash>}. The wasted estimate is the tokens and cost of the requests of
 * every repeated prompt after the first, as far as they arrived when the repeat was detected
 * ({@link PromptCostRecorder}).
 */
public final class DuplicateGenerationDetector extends BurstDetector<AgentActivity> {

  public static final String NAME = "detect-duplicate-generation";
  public static final String EVENTS_STORE = "detect-duplicate-generation-prompts-store";
  public static final String OCCURRENCES_STORE = "detect-duplicate-generation-occurrences-store";
  public static final String PROMPT_IDS_STORE = "detect-duplicate-generation-prompt-ids-store";

  private WindowStore<String, String> promptIds;
  private Sensor unhashed;
  private WindowStore<String, Sample> costs;

  public DuplicateGenerationDetector(Repeats threshold) {
    super(threshold, EVENTS_STORE, OCCURRENCES_STORE);
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    promptIds = context.getStateStore(PROMPT_IDS_STORE);
    costs = context.getStateStore(PromptCostRecorder.STORE);
    unhashed = StreamsCounters.counter(context, NAME, "unhashed-prompt");
  }

  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity prompt = record.value();
    if (prompt.getPromptHash() == null) {
      unhashed.record(); // the source did not send the prompt (Claude Code: OTEL_LOG_USER_PROMPTS unset)
      return;
    }
    String engineer = prompt.getEngineerId();
    String subject = engineer + ":" + prompt.getPromptHash();
    long time = prompt.getOccurredAt().toEpochMilli();
    promptIds.put(subject, prompt.getSessionId() + "\n" + prompt.getPromptId(), time);
    bursts.add(subject, time, new Sample(0, 0, 0)).ifPresent(burst -> {
      List<KeyValue<Long, String>> prompts = prompts(subject, burst.start(), burst.end());
      Set<String> sessions = new HashSet<>();
      long tokens = 0;
      double cost = 0;
      for (int i = 0; i < prompts.size(); i++) {
        String[] sessionAndPrompt = prompts.get(i).value.split("\n", 2);
        sessions.add(sessionAndPrompt[0]);
        if (i > 0) {
          Sample spent = spent(engineer, sessionAndPrompt[1], prompts.get(i).key);
          tokens += spent.tokens();
          cost += spent.costUsd();
        }
      }
      WasteFinding finding = Findings.builder(WastePattern.DUPLICATE_GENERATION, subject, burst.start(),
              burst.end(), context.currentSystemTimeMs())
          .setEngineerId(engineer)
          .setTeam(prompt.getTeam())
          .setRepository(prompt.getRepository())
          .setTokens(tokens)
          .setEstimatedWastedCostUsd(cost)
          .setEvidence(Map.of("repeats", (double) burst.count(), "sessions", (double) sessions.size(),
              "windowMs", (double) (burst.end() - burst.start())))
          .setSummary("The same prompt was sent " + burst.count() + " times in " + sessions.size()
              + " session(s) within " + (burst.end() - burst.start()) / 1000 + " s.")
          .build();
      Findings.emit(context, finding);
    });
  }

  private List<KeyValue<Long, String>> prompts(String subject, long from, long to) {
    List<KeyValue<Long, String>> out = new ArrayList<>();
    try (WindowStoreIterator<String> it = promptIds.fetch(subject, from, to)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** Tokens and cost of the requests serving {@code promptId}, from the prompt to a window after it. */
  private Sample spent(String engineer, String promptId, long promptTime) {
    return PromptCostRecorder.spent(costs, engineer, promptId, promptTime, promptTime + threshold.window().toMillis());
  }

}
