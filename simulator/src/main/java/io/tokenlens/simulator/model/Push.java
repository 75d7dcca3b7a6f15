package io.tokenlens.simulator.model;

import java.time.Instant;

/** A push of commits to a branch (GitHub {@code push} webhook). */
public record Push(
    String deliveryId,
    String repository,
    String branch,
    String beforeSha,
    String afterSha,
    String pusher,
    Instant at) {}
