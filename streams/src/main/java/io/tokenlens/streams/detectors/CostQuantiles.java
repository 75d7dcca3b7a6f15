package io.tokenlens.streams.detectors;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A streaming quantile estimate of costs over a key-value store: a log-bucketed histogram (each
 * bucket covers costs within a factor {@value #GAMMA} of each other, so any quantile is estimated
 * within 1% relative error), with zero costs in a bucket of their own. Its size is bounded by the
 * number of buckets between the smallest and the largest cost seen — a few thousand at most for
 * costs from a millionth of a cent to millions of dollars — not by the number of costs. One store
 * may hold the estimates of several scopes (one per repository, say): each scope's buckets are
 * keyed under {@code <scope>|}.
 */
public final class CostQuantiles {

  static final double GAMMA = 1.02;
  private static final double LOG_GAMMA = Math.log(GAMMA);
  private static final String ZERO = "b:-";
  private static final int OFFSET = 100_000;

  private final KeyValueStore<String, Long> buckets;
  private final String scope;

  /** The one estimate held by {@code buckets}. */
  public CostQuantiles(KeyValueStore<String, Long> buckets) {
    this(buckets, "");
  }

  private CostQuantiles(KeyValueStore<String, Long> buckets, String scope) {
    this.buckets = buckets;
    this.scope = scope;
  }

  /** The estimate of {@code scope} among the several held by {@code buckets}. */
  public static CostQuantiles scoped(KeyValueStore<String, Long> buckets, String scope) {
    return new CostQuantiles(buckets, scope + "|");
  }

  /** Counts one cost. */
  public void add(double costUsd) {
    String key = key(costUsd);
    Long count = buckets.get(key);
    buckets.put(key, count == null ? 1 : count + 1);
  }

  /** Uncounts one cost counted before (a pull request whose final cost changed). */
  public void remove(double costUsd) {
    String key = key(costUsd);
    Long count = buckets.get(key);
    if (count == null || count <= 1) {
      buckets.delete(key);
    } else {
      buckets.put(key, count - 1);
    }
  }

  /** How many costs were counted. */
  public long count() {
    long total = 0;
    try (KeyValueIterator<String, Long> it = bucketsInOrder()) {
      while (it.hasNext()) {
        total += it.next().value;
      }
    }
    return total;
  }

  /**
   * How many counted costs are below {@code costUsd}: those in lower buckets, so costs within the
   * bucket's 2% of it count as ties, not as cheaper.
   */
  public long countBelow(double costUsd) {
    String bucket = key(costUsd);
    long below = 0;
    try (KeyValueIterator<String, Long> it = bucketsInOrder()) { // keys sort as the costs do
      while (it.hasNext()) {
        KeyValue<String, Long> next = it.next();
        if (next.key.compareTo(bucket) >= 0) {
          break;
        }
        below += next.value;
      }
    }
    return below;
  }

  /** The estimated {@code q}-quantile (0 to 1) of the counted costs; 0 when none were counted. */
  public double quantile(double q) {
    long total = count();
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    try (KeyValueIterator<String, Long> it =
        bucketsInOrder()) { // keys sort as the costs do: zero, then by index
      while (it.hasNext()) {
        KeyValue<String, Long> bucket = it.next();
        seen += bucket.value;
        if (seen >= rank) {
          return value(bucket.key);
        }
      }
    }
    return 0;
  }

  private KeyValueIterator<String, Long> bucketsInOrder() {
    return scope.isEmpty() ? buckets.all() : buckets.prefixScan(scope, new StringSerializer());
  }

  private String key(double cost) {
    if (cost <= 0) {
      return scope + ZERO;
    }
    int index = (int) Math.ceil(Math.log(cost) / LOG_GAMMA);
    return scope + String.format("b:%06d", index + OFFSET);
  }

  /** The bucket's representative cost: the geometric middle of its bounds. */
  private double value(String key) {
    String bucket = key.substring(scope.length());
    if (bucket.equals(ZERO)) {
      return 0;
    }
    int index = Integer.parseInt(bucket.substring(2)) - OFFSET;
    return 2 * Math.pow(GAMMA, index) / (1 + GAMMA);
  }
}
