package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.ContextBloat;
import io.tokenlens.streams.state.TimeLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * CONTEXT_BLOAT: at least {@code requests} consecutive requests of one conversation (a session's
 * requests to one model, in event-time order, within the look-back) each with more than {@code
 * minInputTokens} input tokens and output below {@code maxOutputRatio} of its input. A lean request
 * of the same model between bloated ones breaks the run; a side call to another model (a small
 * model titling or summarising the session) does not, since it is not the conversation's work. The
 * subject is the session; the wasted estimate is the share of each request's cost carried by the
 * input beyond the threshold.
 *
 * <p>A bloated request is decided once stream time has passed its event time plus the grace ({@link
 * PendingDecisions}), from the requests known by then, so the result does not depend on the order
 * they arrived in within the grace. A run that goes on after it was reported is reported again, as
 * a new version of the same finding, up to its end.
 */
public final class ContextBloatDetector
    implements Processor<String, TokenUsage, String, WasteFinding> {

  public static final String NAME = "detect-context-bloat";
  public static final String EVENTS_STORE = "detect-context-bloat-requests-log";
  public static final String OCCURRENCES_STORE = "detect-context-bloat-occurrences-store";
  public static final String PENDING_STORE = "detect-context-bloat-due-store";

  private final ContextBloat threshold;
  private final long grace;

  /**
   * Wall-clock time a decision due on stream time waits after it was scheduled ({@link
   * PendingDecisions}).
   */
  private final long settle;

  private ProcessorContext<String, WasteFinding> context;
  private TimeLog<Sample> requests;
  private Occurrences occurrences;
  private PendingDecisions<PendingRequest> pending;

  public ContextBloatDetector(ContextBloat threshold, Duration grace, Duration settle) {
    this.threshold = threshold;
    this.grace = grace.toMillis();
    this.settle = settle.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    requests = TimeLog.of(context.getStateStore(EVENTS_STORE), new SampleSerde());
    occurrences = new Occurrences(context.getStateStore(OCCURRENCES_STORE));
    pending = new PendingDecisions<>(context.getStateStore(PENDING_STORE), grace, settle);
    pending.punctuate(context, this::decide);
  }

  boolean bloated(Sample s) {
    return s.inputTokens() > threshold.minInputTokens()
        && s.outputTokens() < threshold.maxOutputRatio() * s.inputTokens();
  }

  /** The requests log key of {@code usage}'s conversation: its session and model. */
  private static String conversation(TokenUsage usage) {
    return usage.getSessionId() + "\n" + usage.getModel();
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() != null && usage.getStatus() != RequestStatus.ERROR) {
      long time = usage.getOccurredAt().toEpochMilli();
      Sample sample = Sample.of(usage);
      requests.put(conversation(usage), sample, time);
      if (bloated(sample)) {
        pending.schedule(
            conversation(usage), time, context.currentSystemTimeMs(), PendingRequest.of(usage));
      }
    }
    pending.decideDue(context, this::decide);
  }

  /**
   * Decides on the bloated request {@code request} of {@code conversation} with the requests known
   * now.
   */
  private void decide(String conversation, PendingRequest request) {
    long time = request.time();
    long lookback = threshold.lookback().toMillis();
    List<Long> times = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    try (WindowStoreIterator<Sample> it =
        requests.fetch(conversation, time - lookback, time + lookback)) {
      while (it.hasNext()) {
        var entry = it.next();
        times.add(entry.key);
        samples.add(entry.value);
      }
    }
    int at = times.indexOf(time);
    if (at < 0) {
      return; // older than the store's retention: too late to count
    }
    while (at < samples.size() && !bloated(samples.get(at))) {
      at++; // another request at the same millisecond: this one is among the ones after it
    }
    if (at == samples.size()) {
      return;
    }
    int first = at;
    int last = at;
    while (first > 0 && bloated(samples.get(first - 1))) {
      first--;
    }
    while (last + 1 < samples.size() && bloated(samples.get(last + 1))) {
      last++;
    }
    if (last - first + 1 < threshold.requests()) {
      return;
    }
    Optional<Occurrences.Occurrence> reported =
        occurrences.absorb(conversation, times.get(first), times.get(last), times.get(last));
    if (reported.isPresent() && !reported.get().grew()) {
      return; // reported as it is already
    }
    Burst run =
        new Burst(
            reported.map(Occurrences.Occurrence::start).orElse(times.get(first)),
            times.get(last),
            samples.subList(first, last + 1),
            times.subList(first, last + 1));
    if (reported.isEmpty()) {
      occurrences.record(conversation, run.start(), run.end());
    } else {
      run = run.grown(threshold.requests());
    }
    emit(request, run);
  }

  private void emit(PendingRequest request, Burst run) {
    long excessTokens = 0;
    double excessCost = 0;
    for (Sample s : run.samples()) {
      long excess = s.inputTokens() - threshold.minInputTokens();
      excessTokens += excess;
      excessCost += s.costUsd() * excess / s.tokens();
    }
    long input = run.samples().stream().mapToLong(Sample::inputTokens).sum();
    long output = run.samples().stream().mapToLong(Sample::outputTokens).sum();
    Findings.emit(
        context,
        Findings.of(
            WastePattern.CONTEXT_BLOAT,
            request.sessionId(),
            run,
            request.engineerId(),
            request.team(),
            request.sessionId(),
            request.repository(),
            excessTokens,
            excessCost,
            Map.of(
                "requests",
                (double) run.count(),
                "inputTokens",
                (double) input,
                "outputInputRatio",
                (double) output / input,
                "totalCostUsd",
                run.costUsd()),
            run.count()
                + " consecutive requests in the session each sent more than "
                + threshold.minInputTokens()
                + " input tokens for output under "
                + threshold.maxOutputRatio() * 100
                + "% of it.",
            context.currentSystemTimeMs()));
  }
}
