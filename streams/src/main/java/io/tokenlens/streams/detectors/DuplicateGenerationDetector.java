package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.DuplicateGeneration;
import io.tokenlens.streams.state.TimeLog;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * DUPLICATE_GENERATION: the same prompt fingerprint from the same engineer at least {@code count}
 * times within {@code window}, in any of their sessions. Reads user prompts keyed by engineer
 * ({@link PromptEngineerResolver}); the subject is {@code <engineer>:<fingerprint>}. The
 * fingerprint is the prompt hash when the source sends the prompt ({@code hash:<promptHash>});
 * otherwise, for a prompt with a length, its <em>shape</em> ({@code shape:<prompt length>:<input
 * tokens of its first request>}): the same prompt sent again from the same starting context. A
 * shape is only known once the prompt's first request was recorded ({@link PromptCostRecorder}, on
 * another repartition, whose announcements of recorded requests are merged into the prompts): such
 * prompts wait in {@link #SHAPES_STORE} until the recorded requests are the configured shape settle
 * past them in event time, or, should the requests stall, {@link #SHAPE_SETTLE} on the wall clock
 * ({@link PromptShapes}). Prompts of the configured service accounts are left out. The wasted
 * estimate is the tokens and cost of the requests of every repeated prompt after the first, as far
 * as they arrived when the repeat was detected.
 */
public final class DuplicateGenerationDetector extends BurstDetector<AgentActivity> {

  public static final String NAME = "detect-duplicate-generation";
  public static final String EVENTS_STORE = "detect-duplicate-generation-prompts-log";
  public static final String OCCURRENCES_STORE = "detect-duplicate-generation-occurrences-store";
  public static final String PROMPT_IDS_STORE = "detect-duplicate-generation-prompt-ids-log";
  public static final String SHAPES_STORE = "detect-duplicate-generation-shapes-store";

  /**
   * How long (wall clock) an unhashed prompt's requests may take to arrive should the requests
   * stall.
   */
  static final Duration SHAPE_SETTLE = Duration.ofSeconds(10);

  private final DuplicateGeneration settings;
  private final long costRetention;
  private TimeLog<String> promptIds;
  private Sensor unhashed;
  private TimeLog<Sample> costs;
  private PromptShapes shapes;

  /**
   * @param costRetention how long the cost store keeps requests: a pending prompt whose requests
   *     are this far behind the recorded ones can no longer find them
   */
  public DuplicateGenerationDetector(DuplicateGeneration settings, long costRetention) {
    super(settings.repeats(), EVENTS_STORE, OCCURRENCES_STORE);
    this.settings = settings;
    this.costRetention = costRetention;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    promptIds = TimeLog.of(context.getStateStore(PROMPT_IDS_STORE), Serdes.String());
    costs = TimeLog.of(context.getStateStore(PromptCostRecorder.STORE), new SampleSerde());
    shapes =
        new PromptShapes(
            context.getStateStore(SHAPES_STORE),
            costs,
            settings.shapeSettle().toMillis(),
            SHAPE_SETTLE.toMillis(),
            threshold.window().toMillis(),
            costRetention,
            this::add);
    unhashed = StreamsCounters.counter(context, NAME, "unhashed-prompt");
    context.schedule(
        SHAPE_SETTLE.dividedBy(2), PunctuationType.WALL_CLOCK_TIME, shapes::decideByWallClock);
  }

  /**
   * A user prompt, or (no value) a request just recorded in the cost store under the record's key.
   */
  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity prompt = record.value();
    if (prompt == null) {
      shapes.requestRecorded(record.key(), record.timestamp());
      return;
    }
    if (settings.excludes(prompt.getEngineerId(), prompt.getTeam())) {
      return;
    }
    if (prompt.getPromptHash() != null) {
      add(prompt, "hash:" + prompt.getPromptHash());
    } else if (prompt.getPromptLength() != null && prompt.getPromptId() != null) {
      unhashed.record(); // the source did not send the prompt (Claude Code: OTEL_LOG_USER_PROMPTS
      // unset)
      shapes.await(prompt, context.currentSystemTimeMs());
    } else {
      unhashed.record();
    }
  }

  private void add(AgentActivity prompt, String fingerprint) {
    String engineer = prompt.getEngineerId();
    String subject = engineer + ":" + fingerprint;
    long time = prompt.getOccurredAt().toEpochMilli();
    promptIds.put(subject, prompt.getSessionId() + "\n" + prompt.getPromptId(), time);
    bursts
        .add(subject, time, new Sample(0, 0, 0))
        .ifPresent(
            burst -> {
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
              WasteFinding finding =
                  Findings.builder(
                          WastePattern.DUPLICATE_GENERATION,
                          subject,
                          burst.start(),
                          burst.end(),
                          context.currentSystemTimeMs())
                      .setEngineerId(engineer)
                      .setTeam(prompt.getTeam())
                      .setRepository(prompt.getRepository())
                      .setTokens(tokens)
                      .setEstimatedWastedCostUsd(cost)
                      .setEvidence(
                          Map.of(
                              "repeats",
                              (double) burst.count(),
                              "sessions",
                              (double) sessions.size(),
                              "windowMs",
                              (double) (burst.end() - burst.start())))
                      .setSummary(
                          "The same prompt ("
                              + (fingerprint.startsWith("hash:")
                                  ? "by its hash"
                                  : "by its length and " + "the size of its first request")
                              + ") was sent "
                              + burst.count()
                              + " times in "
                              + sessions.size()
                              + " session(s) within "
                              + (burst.end() - burst.start()) / 1000
                              + " s.")
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

  /**
   * Tokens and cost of the requests serving {@code promptId}, from the prompt to a window after it.
   */
  private Sample spent(String engineer, String promptId, long promptTime) {
    return PromptCostRecorder.spent(
        costs, engineer, promptId, promptTime, promptTime + threshold.window().toMillis());
  }
}
