package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.Repeats;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Record;

/**
 * RETRY_STORM: at least {@code count} retried API errors (status ERROR, attempt greater than 1) within
 * {@code window} in one session. The subject is the session; the wasted estimate is the tokens and cost the failed
 * retries themselves report (Claude Code's {@code api_error} carries none, so there it is 0 and the evidence counts
 * the retries).
 */
public final class RetryStormDetector extends BurstDetector<TokenUsage> {

  public static final String NAME = "detect-retry-storm";
  public static final String EVENTS_STORE = "detect-retry-storm-errors-log";
  public static final String OCCURRENCES_STORE = "detect-retry-storm-occurrences-store";

  public RetryStormDetector(Repeats threshold) {
    super(threshold, EVENTS_STORE, OCCURRENCES_STORE);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() == null || usage.getStatus() != RequestStatus.ERROR || usage.getAttempt() == null
        || usage.getAttempt() <= 1) {
      return;
    }
    String session = usage.getSessionId();
    bursts.add(session, usage.getOccurredAt().toEpochMilli(), Sample.of(usage))
        .ifPresent(burst -> Findings.emit(context, Findings.of(WastePattern.RETRY_STORM, session, burst, usage,
            burst.tokens(), burst.costUsd(),
            Map.of("retries", (double) burst.count(), "windowMs", (double) (burst.end() - burst.start())),
            burst.count() + " retried API errors in the session within " + (burst.end() - burst.start()) / 1000
                + " s.",
            context.currentSystemTimeMs())));
  }
}
