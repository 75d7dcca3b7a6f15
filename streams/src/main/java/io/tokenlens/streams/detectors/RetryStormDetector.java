package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.Repeats;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * RETRY_STORM: at least {@code count} retried API errors (status ERROR, attempt greater than 1)
 * within {@code window} in one session. The subject is the session; the wasted estimate is the
 * tokens and cost the failed retries themselves report (Claude Code's {@code api_error} carries
 * none, so there it is 0 and the evidence counts the retries). Each retried error is decided on
 * once stream time has passed its event time plus the grace, from the errors known then, so the
 * storm found (its start, its finding id) does not depend on the order they arrived in within the
 * grace.
 */
public final class RetryStormDetector extends BurstDetector<TokenUsage> {

  public static final String NAME = "detect-retry-storm";
  public static final String EVENTS_STORE = "detect-retry-storm-errors-log";
  public static final String OCCURRENCES_STORE = "detect-retry-storm-occurrences-store";
  public static final String PENDING_STORE = "detect-retry-storm-due-store";

  private final long grace;

  /**
   * Wall-clock time a decision due on stream time waits after it was scheduled ({@link
   * PendingDecisions}).
   */
  private final long settle;

  private PendingDecisions<PendingRequest> pending;

  public RetryStormDetector(Repeats threshold, Duration grace, Duration settle) {
    super(threshold, EVENTS_STORE, OCCURRENCES_STORE);
    this.grace = grace.toMillis();
    this.settle = settle.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    pending = new PendingDecisions<>(context.getStateStore(PENDING_STORE), grace, settle);
    pending.punctuate(context, this::decide);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() != null
        && usage.getStatus() == RequestStatus.ERROR
        && usage.getAttempt() != null
        && usage.getAttempt() > 1) {
      long time = usage.getOccurredAt().toEpochMilli();
      bursts.record(usage.getSessionId(), time, Sample.of(usage));
      pending.schedule(
          usage.getSessionId(), time, context.currentSystemTimeMs(), PendingRequest.of(usage));
    }
    pending.decideDue(context, this::decide);
  }

  private void decide(String session, PendingRequest retry) {
    bursts
        .evaluate(session, retry.time(), Long.MIN_VALUE, Long.MAX_VALUE)
        .ifPresent(
            burst ->
                Findings.emit(
                    context,
                    Findings.of(
                        WastePattern.RETRY_STORM,
                        session,
                        burst,
                        retry.engineerId(),
                        retry.team(),
                        session,
                        retry.repository(),
                        burst.tokens(),
                        burst.costUsd(),
                        Map.of(
                            "retries",
                            (double) burst.count(),
                            "windowMs",
                            (double) (burst.end() - burst.start())),
                        burst.count()
                            + " retried API errors in the session within "
                            + (burst.end() - burst.start()) / 1000
                            + " s.",
                        context.currentSystemTimeMs())));
  }
}
