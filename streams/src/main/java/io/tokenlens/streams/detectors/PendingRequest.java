package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.TokenUsage;

/**
 * What deciding on a request later needs of it: its time and fingerprint, and whose it is for the
 * finding.
 *
 * @param time event time, epoch milliseconds
 * @param sessionId its session
 * @param engineerId its engineer, or null
 * @param team its team, or null
 * @param repository its repository, or null
 * @param sample what the detector counts of it, when the stores it reads at the decision do not
 *     hold it, or null
 */
record PendingRequest(
    long time, String sessionId, String engineerId, String team, String repository, Sample sample) {

  PendingRequest(long time, String sessionId, String engineerId, String team, String repository) {
    this(time, sessionId, engineerId, team, repository, null);
  }

  static PendingRequest of(TokenUsage usage) {
    return new PendingRequest(
        usage.getOccurredAt().toEpochMilli(),
        usage.getSessionId(),
        usage.getEngineerId(),
        usage.getTeam(),
        usage.getRepository());
  }

  PendingRequest with(Sample counted) {
    return new PendingRequest(time, sessionId, engineerId, team, repository, counted);
  }
}
