package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * ABANDONED_SPEND: the final attribution of a pull request closed without merge, with at least {@code minTokens}
 * attributed tokens. Reads {@code pr-attribution} (keyed by pull request). The subject is
 * {@code <owner/name>#<number>} and the window runs from its first attributed request to its close; the wasted
 * estimate is the whole attributed cost. {@link #STORE} remembers reported findings, so a redelivered final version
 * is not reported twice.
 */
public final class AbandonedSpendDetector implements Processor<String, PrAttribution, String, WasteFinding> {

  public static final String NAME = "detect-abandoned-spend";
  public static final String STORE = "detect-abandoned-spend-reported-store";

  private final long minTokens;
  private ProcessorContext<String, WasteFinding> context;
  private WindowStore<String, Long> reported;

  public AbandonedSpendDetector(long minTokens) {
    this.minTokens = minTokens;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    reported = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    PrAttribution pr = record.value();
    long tokens = pr.getInputTokens() + pr.getCacheReadTokens() + pr.getCacheWriteTokens() + pr.getOutputTokens();
    if (!pr.getFinalized() || pr.getMerged() || tokens < minTokens) {
      return;
    }
    Instant closed = pr.getClosedAt() != null ? pr.getClosedAt() : Instant.ofEpochMilli(record.timestamp());
    Instant first = pr.getFirstUsageAt() != null && pr.getFirstUsageAt().isBefore(closed) ? pr.getFirstUsageAt()
        : closed;
    String subject = pr.getRepository() + "#" + pr.getNumber();
    String findingId = Findings.findingId(WastePattern.ABANDONED_SPEND, subject, first.toEpochMilli());
    if (alreadyReported(findingId, closed.toEpochMilli())) {
      return;
    }
    reported.put(findingId, closed.toEpochMilli(), closed.toEpochMilli());
    Findings.emit(context, Findings.builder(WastePattern.ABANDONED_SPEND, subject, first.toEpochMilli(),
            closed.toEpochMilli(), context.currentSystemTimeMs())
        .setEngineerId(pr.getAuthorEngineerId())
        .setTeam(pr.getTeam())
        .setRepository(pr.getRepository())
        .setPullRequestNumber(pr.getNumber())
        .setService(pr.getService())
        .setTokens(tokens)
        .setEstimatedWastedCostUsd(pr.getCostUsd())
        .setEvidence(Map.of("requests", (double) pr.getRequests(), "sessions", (double) pr.getSessions(),
            "engineers", (double) pr.getEngineers(), "costUsd", pr.getCostUsd()))
        .setSummary("Pull request " + subject + " was closed without merge after " + tokens
            + " tokens of AI work were attributed to it.")
        .build());
  }

  private boolean alreadyReported(String findingId, long closedAt) {
    try (WindowStoreIterator<Long> it = reported.fetch(findingId, closedAt, closedAt)) {
      return it.hasNext();
    }
  }
}
