package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.waste.Label;
import io.tokenlens.simulator.waste.LabelKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How often one pattern's detector fires where it must not: the share of its near-miss labels and
 * of its look-alike labels that at least one of its false positives overlaps (same engineer,
 * overlapping span, as in {@link DetectorScore}; a finding that matched a planted occurrence flags
 * nothing, even when that occurrence and a near-miss of the same engineer overlap), and its false
 * positives (findings matching no planted label under the fixed rule) per 100 simulated
 * engineer-days. On a clean organisation ({@code --waste-rate 0}) every finding is a false
 * positive, so the last figure is the clean organisation's false-positive rate.
 *
 * @param pattern the pattern
 * @param nearMisses near-miss labels of the pattern
 * @param nearMissesFlagged those a false positive overlaps
 * @param nearMissRate their share, null without near-misses
 * @param lookAlikes look-alike labels of the pattern
 * @param lookAlikesFlagged those a false positive overlaps
 * @param lookAlikeRate their share, null without look-alikes
 * @param falsePositives the pattern's false positives
 * @param falsePositivesPer100EngineerDays per 100 simulated engineer-days
 */
public record FalsePositiveRate(
    String pattern,
    int nearMisses,
    int nearMissesFlagged,
    Double nearMissRate,
    int lookAlikes,
    int lookAlikesFlagged,
    Double lookAlikeRate,
    int falsePositives,
    double falsePositivesPer100EngineerDays) {

  /** One row per pattern of {@code scores}, in their order. */
  public static List<FalsePositiveRate> of(
      List<Label> labels, List<Finding> findings, List<PatternScore> scores, int engineerDays) {
    List<FalsePositiveRate> rows = new ArrayList<>();
    List<Finding> falsePositives = DetectorScore.falsePositives(labels, findings);
    for (PatternScore score : scores) {
      String pattern = score.pattern();
      List<Finding> mine =
          falsePositives.stream().filter(f -> f.pattern().equals(pattern)).toList();
      List<Label> nearMisses = labels(labels, pattern, LabelKind.NEAR_MISS);
      List<Label> lookAlikes = labels(labels, pattern, LabelKind.LOOK_ALIKE);
      int nearFlagged = flagged(nearMisses, mine);
      int lookFlagged = flagged(lookAlikes, mine);
      rows.add(
          new FalsePositiveRate(
              pattern,
              nearMisses.size(),
              nearFlagged,
              share(nearFlagged, nearMisses.size()),
              lookAlikes.size(),
              lookFlagged,
              share(lookFlagged, lookAlikes.size()),
              score.falsePositives(),
              engineerDays == 0 ? 0 : 100.0 * score.falsePositives() / engineerDays));
    }
    return rows;
  }

  private static List<Label> labels(List<Label> labels, String pattern, LabelKind kind) {
    return labels.stream()
        .filter(l -> l.kind() == kind && l.pattern().name().equals(pattern))
        .toList();
  }

  private static int flagged(List<Label> labels, List<Finding> findings) {
    Set<Integer> hit = new TreeSet<>();
    for (int i = 0; i < labels.size(); i++) {
      Label l = labels.get(i);
      if (findings.stream().anyMatch(f -> DetectorScore.overlaps(l, f))) {
        hit.add(i);
      }
    }
    return hit.size();
  }

  private static Double share(int part, int whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
