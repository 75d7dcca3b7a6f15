package io.tokenlens.streams.alerts;

/**
 * What the tasks that sum the spend send the alert tasks through {@code alerts-spend-by-subject}: a
 * subject's spend in one hour, or how far in event time the sending task has read its requests.
 */
public sealed interface SpendUpdate {

  /** The key of a watermark record: its partitioner sends it to every partition whatever it is. */
  static String watermarkKey(int partition) {
    return "watermark:" + partition;
  }

  /**
   * A subject's spend summed since the last flush (the record key is the subject, its timestamp the
   * latest request in the sum).
   */
  record Sum(double usd) implements SpendUpdate {}

  /**
   * The sending task, of {@code token-usage} partition {@code partition}, has read and forwarded
   * every request of its partition up to event time {@code eventTime}: a sum it sends later is of a
   * request that arrived behind that time.
   */
  record Watermark(int partition, long eventTime) implements SpendUpdate {}
}
