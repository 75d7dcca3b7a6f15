package io.tokenlens.simulator.reverts;

import io.tokenlens.simulator.waste.LabelKind;
import java.time.Instant;

/**
 * Ground truth for one merged pull request whose merge commit a push reverted: {@link
 * LabelKind#PLANTED} when the push went to the pull request's base branch (the pull request is
 * reverted), {@link LabelKind#LOOK_ALIKE} when it went to a revert branch of its own that is never
 * merged (nothing is reverted).
 *
 * @param branch the branch the revert was pushed to
 * @param revertedAt when it was pushed
 */
public record PlantedRevert(
    String repository,
    long number,
    String author,
    String mergeCommitSha,
    String branch,
    Instant revertedAt,
    LabelKind kind) {

  /** The pull request as {@code owner/name#number}. */
  public String pullRequest() {
    return repository + "#" + number;
  }
}
