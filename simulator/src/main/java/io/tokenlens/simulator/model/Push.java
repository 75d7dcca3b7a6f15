package io.tokenlens.simulator.model;

import java.time.Instant;

/**
 * A push of one commit to a branch (GitHub {@code push} webhook), with the commit's message.
 *
 * @param afterSha the pushed commit's id
 */
public record Push(
    String deliveryId,
    String repository,
    String branch,
    String beforeSha,
    String afterSha,
    String pusher,
    Instant at,
    String message) {

  /** A push of the work on {@code branch}, with an ordinary message. */
  public Push(
      String deliveryId,
      String repository,
      String branch,
      String beforeSha,
      String afterSha,
      String pusher,
      Instant at) {
    this(deliveryId, repository, branch, beforeSha, afterSha, pusher, at, "Work on " + branch);
  }
}
