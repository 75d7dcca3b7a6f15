package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.DuplicateGeneration;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * DUPLICATE_GENERATION: the same prompt fingerprint from the same engineer at least {@code count} times within
 * {@code window}, in any of their sessions. Reads user prompts keyed by engineer ({@link PromptEngineerResolver});
 * the subject is {@code <engineer>:<fingerprint>}. The fingerprint is the prompt hash when the source sends the
 * prompt ({@code hash:<promptHash>}); otherwise, for a prompt with a length, its <em>shape</em>
 * ({@code shape:<prompt length>:<input tokens of its first request>}): the same prompt sent again from the same
 * starting context. A shape is only known once the prompt's first request was recorded ({@link PromptCostRecorder},
 * on another repartition): such prompts wait in {@link #SHAPES_STORE} and a wall-clock punctuation fingerprints
 * them once their requests had {@link #SHAPE_SETTLE} to arrive, taking the earliest. Prompts of the configured
 * service accounts are left out. The wasted estimate is the tokens and cost of the requests of every repeated
 * prompt after the first, as far as they arrived when the repeat was detected.
 */
public final class DuplicateGenerationDetector extends BurstDetector<AgentActivity> {

  public static final String NAME = "detect-duplicate-generation";
  public static final String EVENTS_STORE = "detect-duplicate-generation-prompts-store";
  public static final String OCCURRENCES_STORE = "detect-duplicate-generation-occurrences-store";
  public static final String PROMPT_IDS_STORE = "detect-duplicate-generation-prompt-ids-store";
  public static final String SHAPES_STORE = "detect-duplicate-generation-shapes-store";
  /** How long (wall clock) an unhashed prompt's requests may take to arrive before its shape is taken. */
  static final Duration SHAPE_SETTLE = Duration.ofSeconds(10);

  private final DuplicateGeneration settings;
  private WindowStore<String, String> promptIds;
  private Sensor unhashed;
  private WindowStore<String, Sample> costs;
  private KeyValueStore<String, AgentActivity> shapes;

  public DuplicateGenerationDetector(DuplicateGeneration settings) {
    super(settings.repeats(), EVENTS_STORE, OCCURRENCES_STORE);
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    promptIds = context.getStateStore(PROMPT_IDS_STORE);
    costs = context.getStateStore(PromptCostRecorder.STORE);
    shapes = context.getStateStore(SHAPES_STORE);
    unhashed = StreamsCounters.counter(context, NAME, "unhashed-prompt");
    context.schedule(SHAPE_SETTLE.dividedBy(2), PunctuationType.WALL_CLOCK_TIME, this::fingerprintShapes);
  }

  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity prompt = record.value();
    if (settings.excludes(prompt.getEngineerId(), prompt.getTeam())) {
      return;
    }
    if (prompt.getPromptHash() != null) {
      add(prompt, "hash:" + prompt.getPromptHash());
    } else if (prompt.getPromptLength() != null && prompt.getPromptId() != null) {
      unhashed.record(); // the source did not send the prompt (Claude Code: OTEL_LOG_USER_PROMPTS unset)
      // arrival (wall clock) in acceptedAt: a pending shape is never emitted
      shapes.put(PromptCostRecorder.key(prompt.getEngineerId(), prompt.getPromptId()), AgentActivity.newBuilder(prompt)
          .setAcceptedAt(java.time.Instant.ofEpochMilli(context.currentSystemTimeMs())).build());
    } else {
      unhashed.record();
    }
  }

  /** Fingerprints every pending prompt whose earliest request is known and whose requests had time to arrive. */
  private void fingerprintShapes(long wallClock) {
    List<KeyValue<String, AgentActivity>> waiting = new ArrayList<>();
    try (KeyValueIterator<String, AgentActivity> it = shapes.all()) {
      it.forEachRemaining(waiting::add);
    }
    waiting.sort(Comparator.comparing(kv -> kv.value.getOccurredAt())); // bursts grow in event-time order
    long window = threshold.window().toMillis();
    for (KeyValue<String, AgentActivity> entry : waiting) {
      AgentActivity prompt = entry.value;
      if (prompt.getAcceptedAt().toEpochMilli() + SHAPE_SETTLE.toMillis() > wallClock) {
        continue;
      }
      long time = prompt.getOccurredAt().toEpochMilli();
      Sample first = firstRequest(entry.key, time, time + window);
      if (first != null) {
        shapes.delete(entry.key);
        add(prompt, "shape:" + prompt.getPromptLength() + ":" + first.inputTokens());
      } else if (prompt.getAcceptedAt().toEpochMilli() + window <= wallClock) {
        shapes.delete(entry.key); // no request came: nothing was generated
      }
    }
  }

  private Sample firstRequest(String key, long from, long to) {
    try (WindowStoreIterator<Sample> it = costs.fetch(key, from, to)) {
      return it.hasNext() ? it.next().value : null;
    }
  }

  private void add(AgentActivity prompt, String fingerprint) {
    String engineer = prompt.getEngineerId();
    String subject = engineer + ":" + fingerprint;
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
          .setSummary("The same prompt (" + (fingerprint.startsWith("hash:") ? "by its hash" : "by its length and "
              + "the size of its first request") + ") was sent " + burst.count() + " times in " + sessions.size()
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
