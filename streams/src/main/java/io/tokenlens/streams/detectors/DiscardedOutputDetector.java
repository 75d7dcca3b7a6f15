package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.ActivityKind;
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.ToolDecision;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.DiscardedOutput;
import io.tokenlens.streams.enrichment.IdentityResolver;
import io.tokenlens.streams.state.TimeLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * DISCARDED_OUTPUT: in one session, at least {@code decisions.count} decisions on generated edits
 * (tool decisions on one of {@code tools}, accepted or rejected) within {@code decisions.window},
 * at least {@code minRejectedShare} of them rejected: the agent's edits were thrown away. Reads
 * {@code agent-activity} keyed by session; the subject is the session. The wasted estimate is the
 * tokens and cost of the requests serving the prompts whose edits were rejected ({@link
 * #COST_STORE}, filled from the session's usage). Engineer and team: the decision's raw identities
 * resolved through the directory, as enrichment does.
 *
 * <p>A decision is decided on once stream time has passed its event time plus the grace ({@link
 * PendingDecisions}), from the decisions known then, so an acceptance read after the rejections
 * around it (within the grace) still counts. A run that goes on after it was reported is reported
 * again, as a new version, up to its end.
 */
public final class DiscardedOutputDetector
    implements Processor<String, AgentActivity, String, WasteFinding> {

  public static final String NAME = "detect-discarded-output";
  public static final String DECISIONS_STORE = "detect-discarded-output-decisions-log";
  public static final String OCCURRENCES_STORE = "detect-discarded-output-occurrences-store";
  public static final String COST_STORE = "detect-discarded-output-prompt-cost-log";
  public static final String PENDING_STORE = "detect-discarded-output-due-store";
  private static final String REJECTED = "R";
  private static final String ACCEPTED = "A";

  private final DiscardedOutput settings;
  private final Set<String> tools;
  private final String directoryStore;
  private final long grace;

  /**
   * Wall-clock time a decision due on stream time waits after it was scheduled ({@link
   * PendingDecisions}).
   */
  private final long settle;

  private ProcessorContext<String, WasteFinding> context;
  private TimeLog<String> decisions;
  private TimeLog<Sample> costs;
  private Occurrences occurrences;
  private IdentityResolver resolver;
  private PendingDecisions<PendingRequest> pending;

  public DiscardedOutputDetector(
      DiscardedOutput settings, String directoryStore, Duration grace, Duration settle) {
    this.settings = settings;
    this.tools = Set.copyOf(settings.tools());
    this.directoryStore = directoryStore;
    this.grace = grace.toMillis();
    this.settle = settle.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    decisions = TimeLog.of(context.getStateStore(DECISIONS_STORE), Serdes.String());
    costs = TimeLog.of(context.getStateStore(COST_STORE), new SampleSerde());
    occurrences = new Occurrences(context.getStateStore(OCCURRENCES_STORE));
    TimestampedKeyValueStore<String, DirectoryEntry> directory =
        context.getStateStore(directoryStore);
    resolver = new IdentityResolver(key -> ValueAndTimestamp.getValueOrNull(directory.get(key)));
    pending = new PendingDecisions<>(context.getStateStore(PENDING_STORE), grace, settle);
    pending.punctuate(context, this::decide);
  }

  /**
   * One decision on a generated edit, as kept in {@link #DECISIONS_STORE}: rejected or not, and its
   * prompt.
   */
  private record Decision(long time, boolean rejected, String promptId) {
    static Decision of(long time, String stored) {
      int cut = stored.indexOf('\n');
      String prompt = cut < 0 || cut == stored.length() - 1 ? null : stored.substring(cut + 1);
      return new Decision(time, stored.startsWith(REJECTED), prompt);
    }
  }

  @Override
  public void process(Record<String, AgentActivity> record) {
    AgentActivity a = record.value();
    if (a != null
        && a.getKind() == ActivityKind.TOOL_DECISION
        && a.getDecision() != null
        && a.getSessionId() != null
        && tools.contains(a.getToolName())) {
      String session = a.getSessionId();
      long time = a.getOccurredAt().toEpochMilli();
      boolean rejected = a.getDecision() == ToolDecision.REJECT;
      decisions.put(
          session,
          (rejected ? REJECTED : ACCEPTED)
              + "\n"
              + (a.getPromptId() == null ? "" : a.getPromptId()),
          time);
      Optional<IdentityResolver.Resolution> engineer =
          resolver.resolve(a.getUserId(), a.getUserEmail(), a.getAccountId(), a.getApiKeyId());
      pending.schedule(
          session,
          time,
          context.currentSystemTimeMs(),
          new PendingRequest(
              time,
              session,
              engineer.map(IdentityResolver.Resolution::engineerId).orElse(null),
              engineer.map(r -> r.engineer() == null ? null : r.engineer().getTeam()).orElse(null),
              a.getRepository()));
    }
    pending.decideDue(context, this::decide);
  }

  /** Decides on the decision {@code decision} of {@code session} with the decisions known now. */
  private void decide(String session, PendingRequest decision) {
    long time = decision.time();
    long window = settings.decisions().window().toMillis();
    discardedRun(fetch(session, time - window, time + window), time)
        .ifPresent(
            run -> {
              long first = run.get(0).time();
              long last = run.get(run.size() - 1).time();
              Optional<Occurrences.Occurrence> reported =
                  occurrences.absorb(session, first, last, last);
              if (reported.isEmpty()) {
                occurrences.record(session, first, last);
                emit(decision, session, run, 1);
              } else if (reported.get().grew()) {
                List<Decision> whole = fetch(session, reported.get().start(), reported.get().end());
                emit(
                    decision,
                    session,
                    whole,
                    Math.max(1, whole.size() - settings.decisions().count() + 1));
              }
            });
  }

  private List<Decision> fetch(String session, long from, long to) {
    List<Decision> found = new ArrayList<>();
    try (WindowStoreIterator<String> it = decisions.fetch(session, from, to)) {
      it.forEachRemaining(kv -> found.add(Decision.of(kv.key, kv.value)));
    }
    return found;
  }

  /**
   * The longest run of consecutive decisions that includes one at {@code time}, spans at most the
   * window, holds at least the minimum number of decisions and at least the minimum share rejected
   * (the earliest such run).
   */
  private Optional<List<Decision>> discardedRun(List<Decision> around, long time) {
    long window = settings.decisions().window().toMillis();
    int min = settings.decisions().count();
    for (int i = 0; i < around.size() && around.get(i).time() <= time; i++) {
      int rejected = 0;
      int best = -1;
      for (int j = i;
          j < around.size() && around.get(j).time() - around.get(i).time() <= window;
          j++) {
        rejected += around.get(j).rejected() ? 1 : 0;
        int count = j - i + 1;
        if (around.get(j).time() >= time
            && count >= min
            && rejected >= settings.minRejectedShare() * count - 1e-9) {
          best = j;
        }
      }
      if (best >= 0) {
        return Optional.of(around.subList(i, best + 1));
      }
    }
    return Optional.empty();
  }

  private void emit(PendingRequest decision, String session, List<Decision> run, long version) {
    long start = run.get(0).time();
    long end = run.get(run.size() - 1).time();
    Set<String> rejectedPrompts = new HashSet<>();
    int rejections = 0;
    for (Decision d : run) {
      if (d.rejected()) {
        rejections++;
        if (d.promptId() != null) {
          rejectedPrompts.add(d.promptId());
        }
      }
    }
    long window = settings.decisions().window().toMillis();
    long tokens = 0;
    double cost = 0;
    for (String promptId : rejectedPrompts) {
      Sample spent = PromptCostRecorder.spent(costs, session, promptId, start - window, end);
      tokens += spent.tokens();
      cost += spent.costUsd();
    }
    Map<String, Double> evidence = new HashMap<>();
    evidence.put("decisions", (double) run.size());
    evidence.put("rejections", (double) rejections);
    evidence.put("rejectedShare", (double) rejections / run.size());
    evidence.put("prompts", (double) rejectedPrompts.size());
    Findings.emit(
        context,
        Findings.builder(
                WastePattern.DISCARDED_OUTPUT, session, start, end, context.currentSystemTimeMs())
            .setVersion(version)
            .setEngineerId(decision.engineerId())
            .setTeam(decision.team())
            .setSessionId(session)
            .setRepository(decision.repository())
            .setTokens(tokens)
            .setEstimatedWastedCostUsd(cost)
            .setEvidence(evidence)
            .setSummary(
                rejections
                    + " of "
                    + run.size()
                    + " generated edits were rejected in the session within "
                    + (end - start) / 1000
                    + " s.")
            .build());
  }
}
