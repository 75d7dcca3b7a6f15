package io.tokenlens.streams.detectors;

import java.util.List;

/**
 * Requests that together make one occurrence of a pattern, in event-time order.
 *
 * @param start event time of the first
 * @param end event time of the last
 * @param samples the requests
 * @param times their event times, when known (else empty)
 * @param version 1 when first reported; higher as the occurrence grows (its finding's version)
 */
public record Burst(long start, long end, List<Sample> samples, List<Long> times, long version) {

  public Burst {
    samples = List.copyOf(samples);
    times = List.copyOf(times);
  }

  public Burst(long start, long end, List<Sample> samples, List<Long> times) {
    this(start, end, samples, times, 1);
  }

  public Burst(long start, long end, List<Sample> samples) {
    this(start, end, samples, List.of());
  }

  /**
   * This burst as the grown state of an occurrence first reported with {@code minCount} events: its
   * version counts the events added since, so every later state of one occurrence has a higher
   * version, whichever instance or replay computes it.
   */
  public Burst grown(int minCount) {
    return new Burst(start, end, samples, times, Math.max(1, count() - minCount + 1));
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
