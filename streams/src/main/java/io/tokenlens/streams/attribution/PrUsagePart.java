package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.TokenUsage;

/**
 * What the repartition by repository carries to the PR attribution: the requests of one session by
 * one engineer on one branch of a repository in one minute of event time, summed over one commit of
 * the session's task ({@link PrUsageSums}): requests, tokens by kind, cost, first and last event
 * time. The attribution takes such a part wherever it took a request.
 */
public final class PrUsagePart {

  private final String repository;
  private final String engineerId;
  private final UnmatchedUsage.Part sums;

  PrUsagePart(String repository, String engineerId, UnmatchedUsage.Part sums) {
    this.repository = repository;
    this.engineerId = engineerId;
    this.sums = sums;
  }

  /** The part of one request. */
  static PrUsagePart of(TokenUsage usage) {
    PrUsagePart part = empty(usage);
    part.sums.add(usage);
    return part;
  }

  /** A part of the key of {@code usage} with no requests yet. */
  static PrUsagePart empty(TokenUsage usage) {
    return new PrUsagePart(
        usage.getRepository(),
        usage.getEngineerId(),
        new UnmatchedUsage.Part(usage.getBranch(), usage.getSessionId()));
  }

  String repository() {
    return repository;
  }

  /** The engineer, or null when the directory does not know the request's identity. */
  String engineerId() {
    return engineerId;
  }

  /** The branch and session, and the sums. */
  UnmatchedUsage.Part sums() {
    return sums;
  }
}
