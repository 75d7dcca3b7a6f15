package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.reverts.PlantedRevert;
import io.tokenlens.simulator.waste.LabelKind;
import java.util.Collection;
import java.util.List;

/**
 * Scores the pull requests {@code pr_outcomes} calls reverted against the planted reverts ({@code
 * reverts.RevertPlanter}), each pull request one label: a revert planted on the base branch must be
 * found, one pushed only to a revert branch of its own (a look-alike) must not.
 */
public final class RevertScore {
  /** The pattern name the score is reported under. */
  public static final String REVERTED_PR = "REVERTED_PR";

  private RevertScore() {}

  /**
   * @param found the reverted pull requests, as {@code owner/name#number}
   */
  public static PatternScore score(List<PlantedRevert> reverts, Collection<String> found) {
    return SetScore.of(
        REVERTED_PR,
        pullRequests(reverts, LabelKind.PLANTED),
        pullRequests(reverts, LabelKind.LOOK_ALIKE),
        found);
  }

  private static List<String> pullRequests(List<PlantedRevert> reverts, LabelKind kind) {
    return reverts.stream().filter(r -> r.kind() == kind).map(PlantedRevert::pullRequest).toList();
  }
}
