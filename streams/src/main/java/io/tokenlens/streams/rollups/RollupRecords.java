package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.UsageRollup;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns a window's totals into the {@link UsageRollup} the catalog's {@code usage-rollups} topic
 * carries; its version is the number of partial sums in the totals, so a later emission of the same
 * window has a higher version.
 */
public final class RollupRecords {

  private final Clock clock;

  public RollupRecords(Clock clock) {
    this.clock = clock;
  }

  public UsageRollup toRollup(String key, long windowStart, long windowEnd, RollupTotals totals) {
    return UsageRollup.newBuilder()
        .setDimension(RollupDimensions.dimensionOf(key))
        .setDimensionValue(RollupDimensions.valueOf(key))
        .setWindowStart(Instant.ofEpochMilli(windowStart))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setVersion(totals.parts)
        .setEmittedAt(clock.instant())
        .setRequests(totals.requests)
        .setErrors(totals.errors)
        .setSessions(totals.sessions)
        .setInputTokens(totals.inputTokens)
        .setCacheReadTokens(totals.cacheReadTokens)
        .setCacheWriteTokens(totals.cacheWriteTokens)
        .setOutputTokens(totals.outputTokens)
        .setReasoningTokens(totals.reasoningTokens)
        .setCostUsd(totals.costUsd)
        .build();
  }
}
