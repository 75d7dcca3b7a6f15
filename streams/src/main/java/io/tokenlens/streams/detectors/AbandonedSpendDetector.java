package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.attribution.PrAttributions;
import io.tokenlens.streams.config.DetectorConfig.AbandonedSpend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * ABANDONED_SPEND: the final attribution of a pull request closed without merge, with at least
 * {@code minTokens} attributed tokens. Reads {@code pr-attribution} (keyed by pull request). The
 * subject is {@code <owner/name>#<number>} and the window runs from its first attributed request to
 * its close; the wasted estimate is the whole attributed cost.
 *
 * <p>A final attribution still grows when requests of the pull request's branch are processed after
 * its close (the usage path has more hops than the pull-request events; collectors deliver late):
 * each closed pull request waits in {@link #PENDING_STORE} with its latest final version until no
 * new version came for {@code settle} of wall-clock time, then is reported (or dropped, under
 * {@code minTokens}) once. {@link #STORE} remembers each decided pull request by close time with
 * the attribution version it was decided on and the finding version it was reported as (0 when
 * dropped). A higher final version arriving after the decision (its requests lagged the close by
 * more than the settle time: a collector's late batch, a replay) waits again and is then reported
 * as a refinement of the same finding (same id, the next version: consumers keep the highest), or
 * as a new finding if the pull request had been dropped under {@code minTokens}.
 */
public final class AbandonedSpendDetector
    implements Processor<String, PrAttribution, String, WasteFinding> {

  public static final String NAME = "detect-abandoned-spend";
  public static final String STORE = "detect-abandoned-spend-reported-store";
  public static final String PENDING_STORE = "detect-abandoned-spend-pending-store";

  private final AbandonedSpend settings;
  private ProcessorContext<String, WasteFinding> context;
  private WindowStore<String, WasteFinding> decided;
  private KeyValueStore<String, WasteFinding> pending;

  public AbandonedSpendDetector(AbandonedSpend settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    decided = context.getStateStore(STORE);
    pending = context.getStateStore(PENDING_STORE);
    long every = Math.max(1_000, Math.min(10_000, settings.settle().toMillis() / 4));
    context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::decide);
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    PrAttribution pr = record.value();
    if (!pr.getFinalized() || pr.getMerged()) {
      return;
    }
    Instant closed =
        pr.getClosedAt() != null ? pr.getClosedAt() : Instant.ofEpochMilli(record.timestamp());
    String subject = pr.getRepository() + "#" + pr.getNumber();
    String key = subject + "@" + closed.toEpochMilli();
    WasteFinding waiting = pending.get(key);
    WasteFinding decidedOn = waiting == null ? decision(subject, closed.toEpochMilli()) : null;
    WasteFinding before = waiting != null ? waiting : decidedOn;
    if (before != null && attributionVersion(before) >= pr.getVersion()) {
      return; // an older or repeated version
    }
    WasteFinding candidate = candidate(pr, subject, closed);
    if (decidedOn != null && candidate.getTokens() <= decidedOn.getTokens()) {
      return; // decided already, and nothing was added since
    }
    if (waiting != null && waiting.getVersion() > 1) {
      refine(candidate, waiting, waiting.getVersion()); // a pending refinement grows
    } else if (decidedOn != null && decidedOn.getVersion() > 0) {
      refine(
          candidate, decidedOn, decidedOn.getVersion() + 1); // reported already: the next version
    }
    pending.put(key, candidate);
  }

  /**
   * Makes {@code candidate} version {@code version} of the finding {@code reported} was reported
   * as.
   */
  private static void refine(WasteFinding candidate, WasteFinding reported, long version) {
    candidate.setFindingId(reported.getFindingId());
    if (reported.getWindowStart().isBefore(candidate.getWindowStart())) {
      candidate.setWindowStart(reported.getWindowStart());
    }
    candidate.setVersion(version);
  }

  private static double attributionVersion(WasteFinding decidedOrPending) {
    return decidedOrPending.getEvidence().getOrDefault("version", 0.0);
  }

  private WasteFinding candidate(PrAttribution pr, String subject, Instant closed) {
    long tokens = PrAttributions.tokens(pr);
    Instant first =
        pr.getFirstUsageAt() != null && pr.getFirstUsageAt().isBefore(closed)
            ? pr.getFirstUsageAt()
            : closed;
    return Findings.builder(
            WastePattern.ABANDONED_SPEND,
            subject,
            first.toEpochMilli(),
            closed.toEpochMilli(),
            context.currentSystemTimeMs()) // last touched, while pending
        .setEngineerId(pr.getAuthorEngineerId())
        .setTeam(pr.getTeam())
        .setRepository(pr.getRepository())
        .setPullRequestNumber(pr.getNumber())
        .setService(pr.getService())
        .setTokens(tokens)
        .setEstimatedWastedCostUsd(pr.getCostUsd())
        .setEvidence(
            Map.of(
                "requests",
                (double) pr.getRequests(),
                "sessions",
                (double) pr.getSessions(),
                "engineers",
                (double) pr.getEngineers(),
                "costUsd",
                pr.getCostUsd(),
                "version",
                (double) pr.getVersion()))
        .setSummary(
            "Pull request "
                + subject
                + " was closed without merge after "
                + tokens
                + " tokens of AI work were attributed to it.")
        .build();
  }

  /**
   * Decides every pending pull request whose final attribution has not changed for the settle time.
   */
  private void decide(long wallClock) {
    List<KeyValue<String, WasteFinding>> due = new ArrayList<>();
    try (KeyValueIterator<String, WasteFinding> it = pending.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value.getDetectedAt().toEpochMilli() + settings.settle().toMillis()
                <= wallClock) {
              due.add(kv);
            }
          });
    }
    for (KeyValue<String, WasteFinding> entry : due) {
      pending.delete(entry.key);
      WasteFinding finding = entry.value;
      String subject = entry.key.substring(0, entry.key.lastIndexOf('@'));
      long closed = finding.getWindowEnd().toEpochMilli();
      boolean report = finding.getTokens() >= settings.minTokens();
      WasteFinding remembered =
          WasteFinding.newBuilder(finding).setVersion(report ? finding.getVersion() : 0).build();
      decided.put(subject, remembered, closed);
      if (report) {
        Map<String, Double> evidence = new java.util.HashMap<>(finding.getEvidence());
        evidence.remove("version");
        finding.setEvidence(evidence);
        finding.setDetectedAt(Instant.ofEpochMilli(wallClock));
        Findings.emit(context, finding);
      }
    }
  }

  /** How the pull request closed at {@code closedAt} was decided, or null when it was not yet. */
  private WasteFinding decision(String subject, long closedAt) {
    try (WindowStoreIterator<WasteFinding> it = decided.fetch(subject, closedAt, closedAt)) {
      return it.hasNext() ? it.next().value : null;
    }
  }
}
