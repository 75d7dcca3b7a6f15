package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.LoopingAgent;
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
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * LOOPING_AGENT: the same action repeated without progress. Within one session and model, at least
 * {@code count} requests within {@code window}, with no user prompt in between, that led to the
 * same tool call (tool name and argument hash, for every tool when Claude Code sends tool details)
 * and whose shapes match within the tolerance ({@link RequestShape#similarTo}): a model's responses
 * vary by a few tokens from one repeat to the next, so shapes are never compared for equality. An
 * agent reading nine different files makes nine different calls and is working, not looping.
 * Without tool details ({@code OTEL_LOG_TOOL_DETAILS} unset) the tool name and the size of its
 * result tell calls apart ({@link SessionToolCalls#key}): a weaker fallback, marked {@code
 * toolDetails = 0} in the evidence. The subject is {@code <session>:<tool>:<argument hash prefix or
 * ~result size>} ({@code <session>:-} for requests that led to no tool call); the wasted estimate
 * is every repeat after the first request of the loop, up to its end.
 *
 * <p>A request is decided only once stream time has passed its event time plus the grace ({@link
 * PendingDecisions}; on the wall clock should stream time stall), with every request, prompt and
 * tool call of the session known by then: prompts and tool calls come from {@code agent-activity},
 * the requests from {@code token-usage}, so either may be read after the other. The requests of a
 * conversation are decided a minute at a time ({@link TimeLog}'s bucket): one pending decision per
 * conversation and minute, due when the minute's last instant is, rather than one per request, and
 * one read of the requests and prompts around it for all of them.
 */
public final class LoopingAgentDetector
    implements Processor<String, TokenUsage, String, WasteFinding> {

  public static final String NAME = "detect-looping-agent";
  public static final String EVENTS_STORE = "detect-looping-agent-shapes-log";
  public static final String OCCURRENCES_STORE = "detect-looping-agent-occurrences-store";
  public static final String PENDING_STORE = "detect-looping-agent-due-store";

  /** How long after a request its tool call may start. */
  static final Duration TOOL_CALL_WITHIN = Duration.ofMinutes(2);

  private static final int ARGUMENTS_PREFIX = 12;

  private final LoopingAgent settings;
  private final long grace;

  /**
   * Wall-clock time a decision due on stream time waits after it was scheduled ({@link
   * PendingDecisions}).
   */
  private final long settle;

  private ProcessorContext<String, WasteFinding> context;
  private TimeLog<RequestShape> requests;
  private Occurrences occurrences;
  private SessionPrompts prompts;
  private SessionToolCalls toolCalls;
  private PendingDecisions<PendingRequest> pending;

  /**
   * The minutes of each conversation with a decision pending ({@code <conversation>\n<minute>}).
   */
  private final Set<String> scheduled = new HashSet<>();

  public LoopingAgentDetector(LoopingAgent settings, Duration grace, Duration settle) {
    this.settings = settings;
    this.grace = grace.toMillis();
    this.settle = settle.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    requests = TimeLog.of(context.getStateStore(EVENTS_STORE), new RequestShapeSerde());
    occurrences = new Occurrences(context.getStateStore(OCCURRENCES_STORE));
    prompts =
        new SessionPrompts(
            TimeLog.of(context.getStateStore(SessionPrompts.STORE), Serdes.String()));
    toolCalls =
        new SessionToolCalls(
            TimeLog.of(context.getStateStore(SessionToolCalls.STORE), Serdes.String()));
    pending = new PendingDecisions<>(context.getStateStore(PENDING_STORE), grace, settle);
    pending.punctuate(context, this::decide);
    scheduled.clear();
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() != null
        && usage.getModel() != null
        && usage.getStatus() != RequestStatus.ERROR) {
      long time = usage.getOccurredAt().toEpochMilli();
      String conversation = usage.getSessionId() + "\n" + usage.getModel();
      requests.put(conversation, RequestShape.of(usage), time);
      long minuteEnd = TimeLog.bucket(time) + TimeLog.BUCKET_MS - 1;
      if (scheduled.add(conversation + "\n" + TimeLog.bucket(time))) {
        pending.schedule(
            conversation,
            minuteEnd,
            context.currentSystemTimeMs() + (minuteEnd - time),
            PendingRequest.of(usage));
      }
    }
    pending.decideDue(context, this::decide);
  }

  /**
   * A request of the conversation around the one decided on, and (once asked) the tool call it led
   * to.
   */
  private static final class Request {
    final long time;
    final RequestShape shape;
    String call;

    Request(long time, RequestShape shape) {
      this.time = time;
      this.shape = shape;
    }
  }

  /**
   * Decides on the requests of {@code conversation} in the minute of {@code first} (the request
   * that scheduled the decision) with what is known of the session now.
   */
  private void decide(String conversation, PendingRequest first) {
    long minute = TimeLog.bucket(first.time());
    scheduled.remove(conversation + "\n" + minute);
    long window = settings.repeats().window().toMillis();
    String session = first.sessionId();
    long from = minute - window;
    long to = minute + TimeLog.BUCKET_MS - 1 + window;
    List<Request> around = fetch(conversation, from, to + TOOL_CALL_WITHIN.toMillis());
    List<Long> promptTimes = prompts.times(session, from, to);
    for (int i = 0; i < around.size(); i++) {
      long time = around.get(i).time;
      if (time >= minute && time < minute + TimeLog.BUCKET_MS) {
        decide(conversation, first, around, i, promptTimes);
      }
    }
  }

  /**
   * Decides on request {@code self} of {@code around}, the conversation's requests a window either
   * side of it.
   */
  private void decide(
      String conversation,
      PendingRequest first,
      List<Request> around,
      int self,
      List<Long> promptTimes) {
    Request decided = around.get(self);
    long time = decided.time;
    long window = settings.repeats().window().toMillis();
    String session = first.sessionId();
    long from = time - window;
    long to = time + window;
    for (long prompt :
        promptTimes) { // a prompt at or before a request separates it from the ones before
      if (prompt <= time) {
        from = Math.max(from, prompt + 1);
      } else {
        to = Math.min(to, prompt - 1);
        break;
      }
    }
    String call = callOf(session, around, self);
    List<Request> same = new ArrayList<>();
    for (int i = 0; i < around.size(); i++) {
      Request r = around.get(i);
      if (r.time >= from
          && r.time <= to
          && r.shape.similarTo(
              decided.shape, settings.shapeTolerance(), settings.shapeToleranceTokens())
          && callOf(session, around, i).equals(call)) {
        same.add(r);
      }
    }
    burstAround(same, time, window)
        .ifPresent(
            burst -> {
              String subject = subject(session, call);
              // shapes are matched against the request decided on, so two requests of one loop may
              // see different parts
              // of it: any reported occurrence of the action whose latest request is within a
              // window after this part's
              // start is the same loop
              Optional<Occurrences.Occurrence> reported =
                  occurrences.absorb(subject, burst.start(), burst.end() + window, time);
              if (reported.isEmpty()) {
                occurrences.record(subject, burst.start(), burst.end());
                loop(conversation, session, call, burst.start(), burst.end())
                    .ifPresent(loop -> report(subject, first, call, loop));
              } else if (reported.get().grew()) {
                loop(conversation, session, call, reported.get().start(), reported.get().end())
                    .ifPresent(
                        loop ->
                            report(subject, first, call, loop.grown(settings.repeats().count())));
              }
            });
  }

  /**
   * The loop from {@code start} to {@code end}: every request of the conversation in that span that
   * led to {@code call}. Shapes were matched to find the loop; counting them again against one
   * request would make what is reported (and a grown loop's version) depend on which request is
   * decided.
   */
  private Optional<Burst> loop(
      String conversation, String session, String call, long start, long end) {
    List<Request> all = fetch(conversation, start, end + TOOL_CALL_WITHIN.toMillis());
    List<Long> times = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < all.size() && all.get(i).time <= end; i++) {
      if (callOf(session, all, i).equals(call)) {
        times.add(all.get(i).time);
        samples.add(all.get(i).shape.sample());
      }
    }
    return times.isEmpty()
        ? Optional.empty()
        : Optional.of(new Burst(start, times.get(times.size() - 1), samples, times));
  }

  private List<Request> fetch(String conversation, long from, long to) {
    List<Request> found = new ArrayList<>();
    try (WindowStoreIterator<RequestShape> it = requests.fetch(conversation, from, to)) {
      it.forEachRemaining(kv -> found.add(new Request(kv.key, kv.value)));
    }
    return found;
  }

  /**
   * The tool call request {@code i} led to: the session's first tool result after it, before the
   * conversation's next request and within {@link #TOOL_CALL_WITHIN}; {@link SessionToolCalls#NONE}
   * if none.
   */
  private String callOf(String session, List<Request> requests, int i) {
    Request r = requests.get(i);
    if (r.call == null) {
      long until = r.time + TOOL_CALL_WITHIN.toMillis();
      if (i + 1 < requests.size()) {
        until = Math.min(until, requests.get(i + 1).time);
      }
      r.call = toolCalls.firstAfter(session, r.time, until);
    }
    return r.call;
  }

  /**
   * The earliest run of at least {@code count} of {@code same} within the window that includes
   * {@code time}.
   */
  private Optional<Burst> burstAround(List<Request> same, long time, long window) {
    for (int i = 0, j = 0; i < same.size() && same.get(i).time <= time; i++) {
      j = Math.max(j, i);
      while (j + 1 < same.size() && same.get(j + 1).time - same.get(i).time <= window) {
        j++;
      }
      if (same.get(j).time >= time && j - i + 1 >= settings.repeats().count()) {
        List<Request> run = same.subList(i, j + 1);
        return Optional.of(
            new Burst(
                run.get(0).time,
                run.get(run.size() - 1).time,
                run.stream().map(r -> r.shape.sample()).toList(),
                run.stream().map(r -> r.time).toList()));
      }
    }
    return Optional.empty();
  }

  /**
   * {@code <session>:<tool>:<argument hash prefix or ~result size>}, or {@code <session>:-} for no
   * tool call.
   */
  static String subject(String session, String call) {
    if (call.equals(SessionToolCalls.NONE)) {
      return session + ":-";
    }
    int newline = call.indexOf('\n');
    String arguments = call.substring(newline + 1);
    return session
        + ":"
        + call.substring(0, newline)
        + ":"
        + arguments.substring(0, Math.min(ARGUMENTS_PREFIX, arguments.length()));
  }

  private void report(String subject, PendingRequest request, String call, Burst burst) {
    boolean toolDetails = SessionToolCalls.byArguments(call);
    Map<String, Double> evidence =
        new HashMap<>(
            Map.of(
                "repeats",
                (double) burst.count(),
                "windowMs",
                (double) (burst.end() - burst.start()),
                "totalCostUsd",
                burst.costUsd(),
                "toolDetails",
                toolDetails ? 1.0 : 0.0));
    Findings.emit(
        context,
        Findings.of(
            WastePattern.LOOPING_AGENT,
            subject,
            burst,
            request.engineerId(),
            request.team(),
            request.sessionId(),
            request.repository(),
            burst.repeatedTokens(),
            burst.repeatedCostUsd(),
            evidence,
            "The same request was sent "
                + burst.count()
                + " times in the session within "
                + (burst.end() - burst.start()) / 1000
                + " s without a user prompt in between.",
            context.currentSystemTimeMs()));
  }
}
