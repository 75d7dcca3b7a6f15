package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.waste.Label;
import io.tokenlens.simulator.waste.LabelKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores findings against the labels with the fixed matching rule: a finding matches a {@code
 * planted} label with the same pattern and engineer whose [start, end] overlaps the finding's
 * window (both ends inclusive); each label matches at most one finding. Findings are taken in order
 * of window start (then id), each matching the earliest unmatched overlapping planted label. A
 * finding matching no planted label is a false positive, counted against the first near-miss it
 * overlaps, else the first look-alike, else an already matched planted label ({@code repeated}),
 * else as unlabelled. A finding emitted in several versions (same id) counts once, as its highest
 * version.
 */
public final class DetectorScore {
  private DetectorScore() {}

  /** One row per pattern that was planted, labelled or found, in name order. */
  public static List<PatternScore> score(List<Label> labels, List<Finding> versions) {
    List<Finding> findings = Finding.latestPerId(versions);
    Set<String> patterns = new TreeSet<>();
    labels.forEach(l -> patterns.add(l.pattern().name()));
    findings.forEach(f -> patterns.add(f.pattern()));
    List<PatternScore> rows = new ArrayList<>();
    for (String pattern : patterns) {
      rows.add(
          scorePattern(
              pattern,
              labels.stream().filter(l -> l.pattern().name().equals(pattern)).toList(),
              findings.stream().filter(f -> f.pattern().equals(pattern)).toList()));
    }
    return rows;
  }

  /**
   * The findings (each id at its highest version) that match no planted label under the rule: the
   * false positives, of every pattern.
   */
  public static List<Finding> falsePositives(List<Label> labels, List<Finding> versions) {
    List<Finding> findings = Finding.latestPerId(versions);
    List<Finding> out = new ArrayList<>();
    findings.stream()
        .map(Finding::pattern)
        .distinct()
        .forEach(
            pattern ->
                out.addAll(
                    unmatched(
                        labels.stream().filter(l -> l.pattern().name().equals(pattern)).toList(),
                        findings.stream().filter(f -> f.pattern().equals(pattern)).toList())));
    return out;
  }

  private static PatternScore scorePattern(
      String pattern, List<Label> labels, List<Finding> findings) {
    List<Finding> unmatched = unmatched(labels, findings);
    int onNearMiss = 0;
    int onLookAlike = 0;
    int repeated = 0;
    int unlabelled = 0;
    for (Finding f : unmatched) {
      if (overlapsAny(labels, LabelKind.NEAR_MISS, f)) {
        onNearMiss++;
      } else if (overlapsAny(labels, LabelKind.LOOK_ALIKE, f)) {
        onLookAlike++;
      } else if (overlapsAny(labels, LabelKind.PLANTED, f)) {
        repeated++;
      } else {
        unlabelled++;
      }
    }
    int planted = (int) labels.stream().filter(l -> l.kind() == LabelKind.PLANTED).count();
    return PatternScore.of(
        pattern,
        planted,
        findings.size(),
        findings.size() - unmatched.size(),
        onNearMiss,
        onLookAlike,
        repeated,
        unlabelled);
  }

  /** The findings of one pattern matching none of its planted labels, in order of window start. */
  private static List<Finding> unmatched(List<Label> labels, List<Finding> findings) {
    List<Label> planted =
        labels.stream()
            .filter(l -> l.kind() == LabelKind.PLANTED)
            .sorted(Comparator.comparing(Label::start))
            .toList();
    Set<Label> matched = new HashSet<>();
    List<Finding> unmatched = new ArrayList<>();
    for (Finding f : findings.stream().sorted(Finding.BY_START).toList()) {
      Label match =
          planted.stream()
              .filter(l -> !matched.contains(l) && overlaps(l, f))
              .findFirst()
              .orElse(null);
      if (match != null) {
        matched.add(match);
      } else {
        unmatched.add(f);
      }
    }
    return unmatched;
  }

  private static boolean overlapsAny(List<Label> labels, LabelKind kind, Finding f) {
    return labels.stream().anyMatch(l -> l.kind() == kind && overlaps(l, f));
  }

  /**
   * Same engineer, and [label.start, label.end] and [finding.start, finding.end] share an instant.
   */
  static boolean overlaps(Label l, Finding f) {
    return Objects.equals(l.engineerId(), f.engineerId())
        && !f.start().isAfter(l.end())
        && !l.start().isAfter(f.end());
  }
}
