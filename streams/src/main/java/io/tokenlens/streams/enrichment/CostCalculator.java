package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.TokenUsage;

/**
 * Cost of a request from its token split: uncached input, cache read, cache write and output tokens
 * (reasoning is part of output and never added again), each times its price per million tokens.
 */
public final class CostCalculator {

  private static final double MILLION = 1_000_000.0;

  private CostCalculator() {}

  /** Cost in USD of {@code usage} at {@code price}. */
  public static double costUsd(TokenUsage usage, ModelPrice price) {
    return (usage.getInputTokens() * price.getInputUsdPerMillion()
            + usage.getCacheReadTokens() * price.getCacheReadUsdPerMillion()
            + usage.getCacheWriteTokens() * price.getCacheWriteUsdPerMillion()
            + usage.getOutputTokens() * price.getOutputUsdPerMillion())
        / MILLION;
  }
}
