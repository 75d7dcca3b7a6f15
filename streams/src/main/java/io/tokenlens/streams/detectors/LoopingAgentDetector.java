package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.Repeats;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * LOOPING_AGENT: within one session, the same request fingerprint at least {@code count} times within
 * {@code window} with no user prompt in between. Reads usage keyed by session; the prompts come from
 * {@link SessionPrompts}. The subject is {@code <session>:<fingerprint>}; the wasted estimate is every repeat after
 * the first request of the burst.
 */
public final class LoopingAgentDetector extends BurstDetector<TokenUsage> {

  public static final String NAME = "detect-looping-agent";
  public static final String EVENTS_STORE = "detect-looping-agent-requests-store";
  public static final String OCCURRENCES_STORE = "detect-looping-agent-occurrences-store";

  private SessionPrompts prompts;

  public LoopingAgentDetector(Repeats threshold) {
    super(threshold, EVENTS_STORE, OCCURRENCES_STORE);
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    prompts = new SessionPrompts(context.getStateStore(SessionPrompts.STORE));
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() == null || usage.getRequestFingerprint() == null
        || usage.getStatus() == RequestStatus.ERROR) {
      return;
    }
    long time = usage.getOccurredAt().toEpochMilli();
    long window = threshold.window().toMillis();
    String session = usage.getSessionId();
    long lastPrompt = prompts.lastAtOrBefore(session, time - window, time);
    long nextPrompt = prompts.firstAfter(session, time, time + window);
    String subject = session + ":" + usage.getRequestFingerprint();
    bursts.add(subject, time, Sample.of(usage), lastPrompt == Long.MIN_VALUE ? Long.MIN_VALUE : lastPrompt + 1,
            nextPrompt == Long.MAX_VALUE ? Long.MAX_VALUE : nextPrompt - 1)
        .ifPresent(burst -> Findings.emit(context, Findings.of(WastePattern.LOOPING_AGENT, subject, burst, usage,
            burst.repeatedTokens(), burst.repeatedCostUsd(),
            Map.of("repeats", (double) burst.count(), "windowMs", (double) (burst.end() - burst.start()),
                "totalCostUsd", burst.costUsd()),
            "The same request was sent " + burst.count() + " times in the session within "
                + (burst.end() - burst.start()) / 1000 + " s without a user prompt in between.",
            context.currentSystemTimeMs())));
  }
}
