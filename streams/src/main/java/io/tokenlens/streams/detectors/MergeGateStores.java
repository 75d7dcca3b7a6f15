package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.WasteFinding;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The state of UNAPPROVED_AI_HEAVY_MERGE, shared by its two processors on the same repository
 * partition ({@link UnapprovedAiHeavyMergeDetector}, {@link ApprovalRecorder}): each repository's
 * distribution of merged pull request costs ({@link CostQuantiles} scoped by repository: log
 * buckets, bounded by the spread of costs, not their number), the cost each merge was counted with
 * (to replace it when a later final version raises it), the standing approvals of pull requests not
 * merged or closed yet, the merges waiting to be decided, and the decided ones.
 */
final class MergeGateStores {

  static final String QUANTILES = "detect-unapproved-ai-heavy-merge-cost-quantiles-store";
  static final String COUNTED = "detect-unapproved-ai-heavy-merge-counted-store";
  static final String APPROVALS = "detect-unapproved-ai-heavy-merge-approvals-store";
  static final String PENDING = "detect-unapproved-ai-heavy-merge-pending-store";
  static final String DECIDED = "detect-unapproved-ai-heavy-merge-decided-store";
  static final String[] ALL = {QUANTILES, COUNTED, APPROVALS, PENDING, DECIDED};

  private final KeyValueStore<String, Long> quantiles;
  private final WindowStore<String, Double> counted;
  private final KeyValueStore<String, Long> approvals;
  final KeyValueStore<String, WasteFinding> pending;
  private final WindowStore<String, Long> decided;

  MergeGateStores(ProcessingContext context) {
    quantiles = context.getStateStore(QUANTILES);
    counted = context.getStateStore(COUNTED);
    approvals = context.getStateStore(APPROVALS);
    pending = context.getStateStore(PENDING);
    decided = context.getStateStore(DECIDED);
  }

  /** The distribution of the merged pull request costs of {@code repository}. */
  CostQuantiles costs(String repository) {
    return CostQuantiles.scoped(quantiles, repository);
  }

  /**
   * Counts the cost of the merge of {@code pr} ({@code owner/name#number}) at {@code mergedAt} in
   * its repository's distribution, replacing the cost it was counted with before; false (nothing
   * changes) when it was counted with as much already: a redelivery, an older version or a repeated
   * merge event.
   */
  boolean count(String repository, String pr, long mergedAt, double costUsd) {
    Double before = fetch(counted, pr, mergedAt);
    if (before != null && costUsd <= before) {
      return false;
    }
    CostQuantiles costs = costs(repository);
    if (before != null) {
      costs.remove(before);
    }
    costs.add(costUsd);
    counted.put(pr, costUsd, mergedAt);
    return true;
  }

  /**
   * Records an approval of {@code pr} by review {@code reviewId} submitted at {@code submittedAt};
   * not when a merge of {@code pr} was decided already (an approval after the merge gates nothing,
   * and would never be forgotten).
   */
  void approve(String pr, String reviewId, long submittedAt) {
    try (WindowStoreIterator<Long> it = decided.fetch(pr, 0L, Long.MAX_VALUE)) {
      if (it.hasNext()) {
        return;
      }
    }
    approvals.put(pr + "|" + reviewId, submittedAt);
  }

  /** Forgets the approval of {@code pr} by review {@code reviewId} (dismissed). */
  void withdraw(String pr, String reviewId) {
    approvals.delete(pr + "|" + reviewId);
  }

  /** How many standing approvals of {@code pr} were submitted at or before {@code at}. */
  int approvalsBy(String pr, long at) {
    int count = 0;
    try (KeyValueIterator<String, Long> it =
        approvals.prefixScan(pr + "|", new StringSerializer())) {
      while (it.hasNext()) {
        if (it.next().value <= at) {
          count++;
        }
      }
    }
    return count;
  }

  /** Forgets every approval of {@code pr}: it was merged or closed. */
  void forgetApprovals(String pr) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it =
        approvals.prefixScan(pr + "|", new StringSerializer())) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    keys.forEach(approvals::delete);
  }

  boolean isDecided(String pr, long mergedAt) {
    return fetch(decided, pr, mergedAt) != null;
  }

  /**
   * Records that the merge of {@code pr} at {@code mergedAt} was decided ({@code reported} or not).
   */
  void decided(String pr, long mergedAt, boolean reported) {
    decided.put(pr, reported ? 1L : 0L, mergedAt);
  }

  /** The pending merges, each keyed {@code owner/name#number@mergedAt}. */
  List<KeyValue<String, WasteFinding>> pendingMerges() {
    List<KeyValue<String, WasteFinding>> out = new ArrayList<>();
    try (KeyValueIterator<String, WasteFinding> it = pending.all()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  private static <V> V fetch(WindowStore<String, V> store, String key, long at) {
    try (WindowStoreIterator<V> it = store.fetch(key, at, at)) {
      return it.hasNext() ? it.next().value : null;
    }
  }
}
