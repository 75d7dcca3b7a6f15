package io.tokenlens.streams.rollups;

import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;

/**
 * The sums of one rollup key over one window: requests, errors, tokens by kind, computed cost,
 * sessions, and the number of partial sums merged into it ({@code parts}). A partial sum is what
 * one task of the session-keyed stream counted; its sessions are the sessions first seen there,
 * which no other task sees (token usage is keyed by session), so partial session counts add up to
 * the distinct count.
 */
public final class RollupTotals {

  long requests;
  long errors;
  long inputTokens;
  long cacheReadTokens;
  long cacheWriteTokens;
  long outputTokens;
  long reasoningTokens;
  double costUsd;
  long sessions;
  long parts;

  /**
   * Adds one request; {@code newSession} when its session was not counted in this key and window
   * yet.
   */
  public RollupTotals add(TokenUsage usage, boolean newSession) {
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
    if (newSession) {
      sessions++;
    }
    return this;
  }

  /** Adds another key's sums of the same window; returns this. */
  public RollupTotals merge(RollupTotals other) {
    requests += other.requests;
    errors += other.errors;
    inputTokens += other.inputTokens;
    cacheReadTokens += other.cacheReadTokens;
    cacheWriteTokens += other.cacheWriteTokens;
    outputTokens += other.outputTokens;
    reasoningTokens += other.reasoningTokens;
    costUsd += other.costUsd;
    sessions += other.sessions;
    parts += other.parts;
    return this;
  }

  public long requests() {
    return requests;
  }

  public long sessions() {
    return sessions;
  }

  public long parts() {
    return parts;
  }
}
