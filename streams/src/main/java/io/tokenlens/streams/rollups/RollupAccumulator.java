package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import java.util.Objects;

/**
 * The running totals of one rollup window: requests, errors, tokens by kind, computed cost and the distinct session
 * ids (kept as a set of their hashes, {@link SessionHashes}, so a session counts once however many requests it makes
 * in the window).
 */
public final class RollupAccumulator {

  long requests;
  long errors;
  long inputTokens;
  long cacheReadTokens;
  long cacheWriteTokens;
  long outputTokens;
  long reasoningTokens;
  double costUsd;
  SessionHashes sessions = new SessionHashes();

  /** Adds one usage event; returns this. */
  public RollupAccumulator add(TokenUsage usage) {
    requests++;
    if (usage.getStatus() == RequestStatus.ERROR) {
      errors++;
    }
    inputTokens += usage.getInputTokens();
    cacheReadTokens += usage.getCacheReadTokens();
    cacheWriteTokens += usage.getCacheWriteTokens();
    outputTokens += usage.getOutputTokens();
    reasoningTokens += usage.getReasoningTokens();
    if (usage.getComputedCostUsd() != null) {
      costUsd += usage.getComputedCostUsd();
    }
    if (usage.getSessionId() != null) {
      sessions.add(usage.getSessionId());
    }
    return this;
  }

  public long requests() {
    return requests;
  }

  public long errors() {
    return errors;
  }

  public long sessionCount() {
    return sessions.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RollupAccumulator a && requests == a.requests && errors == a.errors
        && inputTokens == a.inputTokens && cacheReadTokens == a.cacheReadTokens
        && cacheWriteTokens == a.cacheWriteTokens && outputTokens == a.outputTokens
        && reasoningTokens == a.reasoningTokens && Double.compare(costUsd, a.costUsd) == 0
        && sessions.equals(a.sessions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requests, errors, inputTokens, outputTokens, sessions);
  }
}
