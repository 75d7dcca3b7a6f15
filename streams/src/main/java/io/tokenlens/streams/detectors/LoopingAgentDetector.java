package io.tokenlens.streams.detectors;

import org.apache.kafka.common.serialization.Serdes;
import io.tokenlens.streams.state.TimeLog;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.Repeats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * LOOPING_AGENT: within one session, the same request fingerprint leading to the same tool call (tool name, and
 * arguments when the source sends them) at least {@code count} times within {@code window} with no user prompt in
 * between. Reads usage keyed by session; the prompts come from
 * {@link SessionPrompts}. The subject is {@code <session>:<fingerprint>}; the wasted estimate is every repeat after
 * the first request of the burst.
 *
 * <p>A request is decided only once stream time has passed its event time plus the grace ({@link PendingDecisions};
 * on the wall clock should stream time stall), with every request and prompt of the session known by then: a
 * session's prompts and its requests come from different topics ({@code agent-activity} and {@code token-usage}),
 * so a prompt that breaks a run may be read after the requests that follow it. Deciding at once would report the
 * run before its prompt arrived.
 */
public final class LoopingAgentDetector extends BurstDetector<TokenUsage> {

  public static final String NAME = "detect-looping-agent";
  public static final String EVENTS_STORE = "detect-looping-agent-requests-log";
  public static final String OCCURRENCES_STORE = "detect-looping-agent-occurrences-store";
  public static final String PENDING_STORE = "detect-looping-agent-due-store";
  /** How long after a request its tool call may start. */
  static final Duration TOOL_CALL_WITHIN = Duration.ofMinutes(2);

  private final long grace;
  private SessionPrompts prompts;
  private SessionToolCalls toolCalls;
  private PendingDecisions<PendingRequest> pending;

  public LoopingAgentDetector(Repeats threshold, Duration grace) {
    super(threshold, EVENTS_STORE, OCCURRENCES_STORE);
    this.grace = grace.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    prompts = new SessionPrompts(TimeLog.of(context.getStateStore(SessionPrompts.STORE), Serdes.String()));
    toolCalls = new SessionToolCalls(TimeLog.of(context.getStateStore(SessionToolCalls.STORE), Serdes.String()));
    pending = new PendingDecisions<>(context.getStateStore(PENDING_STORE), grace);
    pending.punctuate(context, this::decide);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() == null || usage.getRequestFingerprint() == null
        || usage.getStatus() == RequestStatus.ERROR) {
      return;
    }
    long time = usage.getOccurredAt().toEpochMilli();
    String subject = subject(usage);
    bursts.record(subject, time, Sample.of(usage));
    pending.schedule(subject, time, context.currentSystemTimeMs(), PendingRequest.of(usage));
    pending.decideDue(context, this::decide);
  }

  private static String subject(TokenUsage usage) {
    return usage.getSessionId() + ":" + usage.getRequestFingerprint();
  }

  /** Decides on the request {@code request} of {@code subject} with the prompts known now. */
  private void decide(String subject, PendingRequest request) {
    long time = request.time();
    long window = threshold.window().toMillis();
    String session = request.sessionId();
    long lastPrompt = prompts.lastAtOrBefore(session, time - window, time);
    long nextPrompt = prompts.firstAfter(session, time, time + window);
    bursts.candidate(subject, time, lastPrompt == Long.MIN_VALUE ? Long.MIN_VALUE : lastPrompt + 1,
            nextPrompt == Long.MAX_VALUE ? Long.MAX_VALUE : nextPrompt - 1)
        .flatMap(candidate -> sameToolCall(session, candidate))
        .ifPresent(burst -> report(subject, request, burst));
  }

  /**
   * The largest group of the burst's requests that led to the same tool call (the first tool result after each
   * request, before the next repeat and within {@link #TOOL_CALL_WITHIN}; none is a call of its own), if it is
   * still a loop: identical requests whose agent does something different each time are not repeating itself.
   */
  private Optional<Burst> sameToolCall(String session, Burst burst) {
    List<Long> times = burst.times();
    Map<String, List<Integer>> byCall = new HashMap<>();
    for (int i = 0; i < times.size(); i++) {
      long t = times.get(i);
      long until = Math.min(t + TOOL_CALL_WITHIN.toMillis(), i + 1 < times.size() ? times.get(i + 1) : Long.MAX_VALUE);
      byCall.computeIfAbsent(toolCalls.firstAfter(session, t, until), call -> new ArrayList<>()).add(i);
    }
    List<Integer> largest = byCall.values().stream().max(Comparator.comparingInt(List::size)).orElse(List.of());
    if (largest.size() < threshold.count()) {
      return Optional.empty();
    }
    List<Long> groupTimes = largest.stream().map(times::get).toList();
    List<Sample> samples = largest.stream().map(burst.samples()::get).toList();
    if (burst.version() > 1) { // a reported loop that grew: its start fixes its finding id
      return Optional.of(new Burst(burst.start(), groupTimes.get(groupTimes.size() - 1), samples, groupTimes)
          .grown(threshold.count()));
    }
    return Optional.of(new Burst(groupTimes.get(0), groupTimes.get(groupTimes.size() - 1), samples, groupTimes));
  }

  private void report(String subject, PendingRequest request, Burst burst) {
    bursts.report(subject, burst);
    Findings.emit(context, Findings.of(WastePattern.LOOPING_AGENT, subject, burst, request.engineerId(),
            request.team(), request.sessionId(), request.repository(),
            burst.repeatedTokens(), burst.repeatedCostUsd(),
            Map.of("repeats", (double) burst.count(), "windowMs", (double) (burst.end() - burst.start()),
                "totalCostUsd", burst.costUsd()),
            "The same request was sent " + burst.count() + " times in the session within "
                + (burst.end() - burst.start()) / 1000 + " s without a user prompt in between.",
            context.currentSystemTimeMs()));
  }
}
