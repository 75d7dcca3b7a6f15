package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.UsageRollup;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.kstream.Windowed;

/** Turns a closed window's totals into the {@link UsageRollup} the catalog's {@code usage-rollups} topic carries. */
public final class RollupRecords {

  /** Emitted once per window at close, so there is only ever one version of it. */
  static final long VERSION = 1L;

  private final Clock clock;

  public RollupRecords(Clock clock) {
    this.clock = clock;
  }

  public UsageRollup toRollup(Windowed<String> window, RollupAccumulator acc) {
    return UsageRollup.newBuilder()
        .setDimension(RollupDimensions.dimensionOf(window.key()))
        .setDimensionValue(RollupDimensions.valueOf(window.key()))
        .setWindowStart(Instant.ofEpochMilli(window.window().start()))
        .setWindowEnd(Instant.ofEpochMilli(window.window().end()))
        .setVersion(VERSION)
        .setEmittedAt(clock.instant())
        .setRequests(acc.requests)
        .setErrors(acc.errors)
        .setSessions(acc.sessions.size())
        .setInputTokens(acc.inputTokens)
        .setCacheReadTokens(acc.cacheReadTokens)
        .setCacheWriteTokens(acc.cacheWriteTokens)
        .setOutputTokens(acc.outputTokens)
        .setReasoningTokens(acc.reasoningTokens)
        .setCostUsd(acc.costUsd)
        .build();
  }
}
