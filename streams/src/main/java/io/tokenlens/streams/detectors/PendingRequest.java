package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.TokenUsage;

/**
 * What deciding on a request later needs of it: its time and fingerprint, and whose it is for the finding.
 *
 * @param time event time, epoch milliseconds
 * @param sessionId its session
 * @param engineerId its engineer, or null
 * @param team its team, or null
 * @param repository its repository, or null
 */
record PendingRequest(long time, String sessionId, String engineerId, String team, String repository) {

  static PendingRequest of(TokenUsage usage) {
    return new PendingRequest(usage.getOccurredAt().toEpochMilli(), usage.getSessionId(), usage.getEngineerId(),
        usage.getTeam(), usage.getRepository());
  }
}
