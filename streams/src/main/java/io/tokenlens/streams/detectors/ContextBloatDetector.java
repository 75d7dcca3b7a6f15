package io.tokenlens.streams.detectors;

import io.tokenlens.streams.state.TimeLog;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.ContextBloat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * CONTEXT_BLOAT: at least {@code requests} consecutive requests of a session (in event-time order, within the
 * look-back) each with more than {@code minInputTokens} input tokens and output below {@code maxOutputRatio} of its
 * input. Every successful request of the session is kept for the look-back, so a lean request between bloated ones
 * breaks the run whatever order they arrive in. The subject is the session; the wasted estimate is the share of each
 * request's cost carried by the input beyond the threshold.
 */
public final class ContextBloatDetector implements Processor<String, TokenUsage, String, WasteFinding> {

  public static final String NAME = "detect-context-bloat";
  public static final String EVENTS_STORE = "detect-context-bloat-requests-log";
  public static final String OCCURRENCES_STORE = "detect-context-bloat-occurrences-store";

  private final ContextBloat threshold;
  private ProcessorContext<String, WasteFinding> context;
  private TimeLog<Sample> requests;
  private Occurrences occurrences;

  public ContextBloatDetector(ContextBloat threshold) {
    this.threshold = threshold;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    requests = TimeLog.of(context.getStateStore(EVENTS_STORE), new SampleSerde());
    occurrences = new Occurrences(context.getStateStore(OCCURRENCES_STORE));
  }

  boolean bloated(Sample s) {
    return s.inputTokens() > threshold.minInputTokens() && s.outputTokens() < threshold.maxOutputRatio() * s.inputTokens();
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() == null || usage.getStatus() == RequestStatus.ERROR) {
      return;
    }
    String session = usage.getSessionId();
    long time = usage.getOccurredAt().toEpochMilli();
    Sample sample = Sample.of(usage);
    requests.put(session, sample, time);
    if (!bloated(sample)) {
      return;
    }
    long lookback = threshold.lookback().toMillis();
    List<Long> times = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    try (WindowStoreIterator<Sample> it = requests.fetch(session, time - lookback, time + lookback)) {
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
    while (!bloated(samples.get(at))) {
      at++; // another request at the same millisecond: this one is among the ones after it
    }
    int first = at;
    int last = at;
    while (first > 0 && bloated(samples.get(first - 1))) {
      first--;
    }
    while (last + 1 < samples.size() && bloated(samples.get(last + 1))) {
      last++;
    }
    if (last - first + 1 < threshold.requests()
        || occurrences.absorb(session, times.get(first), times.get(last), time)) {
      return;
    }
    Burst burst = new Burst(times.get(first), times.get(last), samples.subList(first, last + 1));
    occurrences.record(session, burst.start(), burst.end());
    long excessTokens = 0;
    double excessCost = 0;
    for (Sample s : burst.samples()) {
      long excess = s.inputTokens() - threshold.minInputTokens();
      excessTokens += excess;
      excessCost += s.costUsd() * excess / s.tokens();
    }
    long input = burst.samples().stream().mapToLong(Sample::inputTokens).sum();
    long output = burst.samples().stream().mapToLong(Sample::outputTokens).sum();
    Findings.emit(context, Findings.of(WastePattern.CONTEXT_BLOAT, session, burst, usage, excessTokens, excessCost,
        Map.of("requests", (double) burst.count(), "inputTokens", (double) input,
            "outputInputRatio", (double) output / input, "totalCostUsd", burst.costUsd()),
        burst.count() + " consecutive requests in the session each sent more than " + threshold.minInputTokens()
            + " input tokens for output under " + threshold.maxOutputRatio() * 100 + "% of it.",
        context.currentSystemTimeMs()));
  }
}
