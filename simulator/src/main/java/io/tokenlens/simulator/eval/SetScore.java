package io.tokenlens.simulator.eval;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Precision and recall of a rule that names items (engineers, pull requests) against the planted
 * ones, each item one label: a found item that was planted is a true positive, one labelled as a
 * look-alike a false positive on a look-alike, any other an unlabelled false positive.
 */
public final class SetScore {
  private SetScore() {}

  public static PatternScore of(
      String pattern,
      Collection<String> planted,
      Collection<String> lookAlikes,
      Collection<String> found) {
    Set<String> labels = new HashSet<>(planted);
    Set<String> findings = new HashSet<>(found);
    int matched = (int) findings.stream().filter(labels::contains).count();
    int onLookAlike =
        (int) findings.stream().filter(f -> !labels.contains(f) && lookAlikes.contains(f)).count();
    return PatternScore.of(
        pattern,
        labels.size(),
        findings.size(),
        matched,
        0,
        onLookAlike,
        0,
        findings.size() - matched - onLookAlike);
  }
}
