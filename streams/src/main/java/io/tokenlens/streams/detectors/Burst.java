package io.tokenlens.streams.detectors;

import java.util.List;

/**
 * Requests that together make one occurrence of a pattern, in event-time order.
 *
 * @param start event time of the first
 * @param end event time of the last
 * @param samples the requests
 * @param times their event times, when known (else empty)
 */
public record Burst(long start, long end, List<Sample> samples, List<Long> times) {

  public Burst {
    samples = List.copyOf(samples);
    times = List.copyOf(times);
  }

  public Burst(long start, long end, List<Sample> samples) {
    this(start, end, samples, List.of());
  }

  public int count() {
    return samples.size();
  }

  public long tokens() {
    return samples.stream().mapToLong(Sample::tokens).sum();
  }

  public double costUsd() {
    return samples.stream().mapToDouble(Sample::costUsd).sum();
  }

  /** Tokens of every request after the first: the repeats. */
  public long repeatedTokens() {
    return tokens() - samples.get(0).tokens();
  }

  /** Cost of every request after the first: the repeats. */
  public double repeatedCostUsd() {
    return costUsd() - samples.get(0).costUsd();
  }
}
