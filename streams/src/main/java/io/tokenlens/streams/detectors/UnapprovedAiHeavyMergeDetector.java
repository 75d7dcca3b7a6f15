package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.attribution.PrAttributions;
import io.tokenlens.streams.config.DetectorConfig.UnapprovedAiHeavyMerge;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * UNAPPROVED_AI_HEAVY_MERGE, the quality gate: a pull request whose attributed AI cost at its merge
 * is in the top {@code topFraction} of its repository's merged pull requests (at least {@code 1 -
 * topFraction} of them, itself included, cost less: ties, such as many merges at $0.00, are not
 * "top"; counted by {@link CostQuantiles} over every merge of the repository so far, once there are
 * at least {@code minPullRequests}) with a positive cost, merged without a standing approving
 * review submitted at or before the merge ({@link ApprovalRecorder}). Reads {@code pr-attribution}
 * re-keyed by repository, on the partition of the repository's {@code pr-reviews}. The subject is
 * {@code <owner/name>#<number>}, the window runs from its first attributed request to the merge,
 * the engineer is its author; tokens and cost are its attributed AI spend: not waste proven, the
 * spend that went unreviewed.
 *
 * <p>Not decided on arrival: a review submitted before the merge may be delivered after it, and the
 * merge's final attribution grows while requests of its branch processed after the merge are
 * attributed. Each merge waits in {@link MergeGateStores#PENDING} until its attribution has not
 * changed for {@code settle} of wall-clock time and is then decided once: a repeated merge event or
 * a later final version after the decision changes only the repository's distribution.
 */
public final class UnapprovedAiHeavyMergeDetector
    implements Processor<String, PrAttribution, String, WasteFinding> {

  public static final String NAME = "detect-unapproved-ai-heavy-merge";

  private final UnapprovedAiHeavyMerge settings;
  private ProcessorContext<String, WasteFinding> context;
  private MergeGateStores stores;

  public UnapprovedAiHeavyMergeDetector(UnapprovedAiHeavyMerge settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    stores = new MergeGateStores(context);
    long every = Math.max(1_000, Math.min(10_000, settings.settle().toMillis() / 4));
    context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::decide);
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    PrAttribution pr = record.value();
    if (!pr.getFinalized()) {
      return;
    }
    String subject = RecordKeys.prAttribution(pr);
    if (!pr.getMerged() || pr.getMergedAt() == null) {
      stores.forgetApprovals(subject); // closed without merge: its approvals gate nothing
      return;
    }
    long mergedAt = pr.getMergedAt().toEpochMilli();
    boolean counted = stores.count(pr.getRepository(), subject, mergedAt, pr.getCostUsd());
    String key = subject + "@" + mergedAt;
    if (stores.isDecided(subject, mergedAt) || !counted && stores.pending.get(key) != null) {
      return;
    }
    stores.pending.put(key, candidate(pr, subject, mergedAt));
  }

  private WasteFinding candidate(PrAttribution pr, String subject, long mergedAt) {
    long first =
        pr.getFirstUsageAt() != null && pr.getFirstUsageAt().toEpochMilli() < mergedAt
            ? pr.getFirstUsageAt().toEpochMilli()
            : mergedAt;
    return Findings.builder(
            WastePattern.UNAPPROVED_AI_HEAVY_MERGE,
            subject,
            first,
            mergedAt,
            context.currentSystemTimeMs()) // last changed, while pending
        .setFindingId(Findings.findingId(WastePattern.UNAPPROVED_AI_HEAVY_MERGE, subject, mergedAt))
        .setEngineerId(pr.getAuthorEngineerId())
        .setTeam(pr.getTeam())
        .setRepository(pr.getRepository())
        .setPullRequestNumber(pr.getNumber())
        .setService(pr.getService())
        .setTokens(PrAttributions.tokens(pr))
        .setEstimatedWastedCostUsd(pr.getCostUsd())
        .build();
  }

  /** Decides every pending merge whose attribution has not changed for the settle time. */
  private void decide(long wallClock) {
    for (KeyValue<String, WasteFinding> entry : stores.pendingMerges()) {
      WasteFinding merge = entry.value;
      if (merge.getDetectedAt().toEpochMilli() + settings.settle().toMillis() > wallClock) {
        continue;
      }
      String subject = entry.key.substring(0, entry.key.lastIndexOf('@'));
      long mergedAt = merge.getWindowEnd().toEpochMilli();
      CostQuantiles costs = stores.costs(merge.getRepository());
      long merged = costs.count();
      double cost = merge.getEstimatedWastedCostUsd();
      long cheaper = costs.countBelow(cost);
      boolean report =
          merged >= settings.minPullRequests()
              && cost > 0
              && cheaper >= (1 - settings.topFraction()) * merged
              && stores.approvalsBy(subject, mergedAt) == 0;
      stores.pending.delete(entry.key);
      stores.decided(subject, mergedAt, report);
      stores.forgetApprovals(subject);
      if (report) {
        emit(merge, subject, cheaper, merged, wallClock);
      }
    }
  }

  private void emit(WasteFinding merge, String subject, long cheaper, long merged, long wallClock) {
    merge.setEvidence(
        Map.of(
            "prCostUsd",
            merge.getEstimatedWastedCostUsd(),
            "cheaperPullRequests",
            (double) cheaper,
            "mergedPullRequests",
            (double) merged,
            "approvals",
            0.0));
    merge.setDetectedAt(Instant.ofEpochMilli(wallClock));
    merge.setSummary(
        String.format(
            Locale.ROOT,
            "Pull request %s was merged without an approving review; its AI cost of $%.2f"
                + " is in the top %d%% of the %d merged pull requests of %s.",
            subject,
            merge.getEstimatedWastedCostUsd(),
            Math.round(settings.topFraction() * 100),
            merged,
            merge.getRepository()));
    Findings.emit(context, merge);
  }
}
