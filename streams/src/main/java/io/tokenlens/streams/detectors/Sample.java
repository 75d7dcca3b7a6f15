package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.TokenUsage;

/**
 * What a detector keeps of one request: input tokens of every kind (uncached, cache read, cache
 * write), output tokens and cost. Never content.
 *
 * @param inputTokens uncached input + cache read + cache write
 * @param outputTokens output tokens
 * @param costUsd computed cost, else the reported cost, else 0
 */
public record Sample(long inputTokens, long outputTokens, double costUsd) {

  /** The sample of {@code usage}. */
  public static Sample of(TokenUsage usage) {
    Double cost =
        usage.getComputedCostUsd() != null
            ? usage.getComputedCostUsd()
            : usage.getReportedCostUsd();
    return new Sample(
        usage.getInputTokens() + usage.getCacheReadTokens() + usage.getCacheWriteTokens(),
        usage.getOutputTokens(),
        cost == null ? 0 : cost);
  }

  public long tokens() {
    return inputTokens + outputTokens;
  }
}
