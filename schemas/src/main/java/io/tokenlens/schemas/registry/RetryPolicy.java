package io.tokenlens.schemas.registry;

import java.time.Duration;

/**
 * Bounded retries with exponential backoff for registry calls that failed with a 5xx answer or a
 * connection error.
 *
 * @param maxRetries retries after the first attempt ({@code max.retries})
 * @param initialBackoff wait before the first retry ({@code retries.wait.ms}); doubled before each
 *     further retry
 * @param maxBackoff upper bound of the wait ({@code retries.max.wait.ms})
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration backoff(int retry) {
    long millis = initialBackoff.toMillis();
    for (int i = 1; i < retry && millis < maxBackoff.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
