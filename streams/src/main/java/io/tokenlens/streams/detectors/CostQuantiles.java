package io.tokenlens.streams.detectors;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A streaming quantile estimate of costs over a key-value store: a log-bucketed histogram (each bucket covers costs
 * within a factor {@value #GAMMA} of each other, so any quantile is estimated within 1% relative error), with
 * zero costs in a bucket of their own. Its size is bounded by the number of buckets between the smallest and the
 * largest cost seen — a few thousand at most for costs from a millionth of a cent to millions of dollars — not by
 * the number of costs.
 */
public final class CostQuantiles {

  static final double GAMMA = 1.02;
  private static final double LOG_GAMMA = Math.log(GAMMA);
  private static final String ZERO = "b:-";
  private static final int OFFSET = 100_000;

  private final KeyValueStore<String, Long> buckets;

  public CostQuantiles(KeyValueStore<String, Long> buckets) {
    this.buckets = buckets;
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
    try (KeyValueIterator<String, Long> it = buckets.all()) {
      while (it.hasNext()) {
        total += it.next().value;
      }
    }
    return total;
  }

  /** The estimated {@code q}-quantile (0 to 1) of the counted costs; 0 when none were counted. */
  public double quantile(double q) {
    long total = count();
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    try (KeyValueIterator<String, Long> it = buckets.all()) { // keys sort as the costs do: zero, then by index
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

  private static String key(double cost) {
    if (cost <= 0) {
      return ZERO;
    }
    int index = (int) Math.ceil(Math.log(cost) / LOG_GAMMA);
    return String.format("b:%06d", index + OFFSET);
  }

  /** The bucket's representative cost: the geometric middle of its bounds. */
  private static double value(String key) {
    if (key.equals(ZERO)) {
      return 0;
    }
    int index = Integer.parseInt(key.substring(2)) - OFFSET;
    return 2 * Math.pow(GAMMA, index) / (1 + GAMMA);
  }
}
