package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.coverage.SpendLabel;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores the sink's {@code spend_coverage} view against the simulated exports' labels, as the
 * detectors are scored. The rule, fixed before any run: a row of the view is a finding when its
 * uninstrumented spend is more than {@link #FOUND_SHARE} of its exported spend (the telemetry of a
 * replay can miss a request or two, a planted job is 15–40% of the day); a finding matches the
 * planted label of its day and provider; each label matches at most one finding (a second one is
 * {@code repeated}), a finding of a day without a plant is unlabelled.
 */
public final class SpendCoverageScore {
  /** The pattern name the score is reported under. */
  public static final String PATTERN = "UNINSTRUMENTED_SPEND";

  /** Uninstrumented spend above this share of the exported spend is a finding. */
  public static final double FOUND_SHARE = 0.05;

  /**
   * One row of {@code spend_coverage}.
   *
   * @param organizationId the export's organisation, '' when it names none
   */
  public record Row(
      LocalDate day,
      String provider,
      String organizationId,
      double exportedUsd,
      double telemetryUsd,
      double uninstrumentedUsd) {

    boolean found() {
      return uninstrumentedUsd > FOUND_SHARE * exportedUsd;
    }
  }

  private SpendCoverageScore() {}

  public static PatternScore score(List<SpendLabel> labels, List<Row> rows) {
    Set<String> planted = new HashSet<>();
    labels.stream()
        .filter(SpendLabel::planted)
        .forEach(l -> planted.add(key(l.day(), l.provider())));
    Set<String> matched = new HashSet<>();
    int found = 0;
    int repeated = 0;
    int unlabelled = 0;
    for (Row r : rows) {
      if (!r.found()) {
        continue;
      }
      found++;
      String key = key(r.day(), r.provider());
      if (!planted.contains(key)) {
        unlabelled++;
      } else if (!matched.add(key)) {
        repeated++;
      }
    }
    return PatternScore.of(
        PATTERN, planted.size(), found, matched.size(), 0, 0, repeated, unlabelled);
  }

  private static String key(LocalDate day, String provider) {
    return day + "|" + provider;
  }
}
