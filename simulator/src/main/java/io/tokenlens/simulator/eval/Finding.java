package io.tokenlens.simulator.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scorer needs of one {@code WasteFinding}: its id and {@code version} (a finding that
 * grows with its occurrence is emitted again under the same id with a higher version), the pattern
 * name, the engineer it is attributed to (null when none) and its evidence window [{@code start},
 * {@code end}].
 */
public record Finding(
    String findingId, String pattern, String engineerId, Instant start, Instant end, long version) {

  /** Version 1 of a finding. */
  public Finding(String findingId, String pattern, String engineerId, Instant start, Instant end) {
    this(findingId, pattern, engineerId, start, end, 1);
  }

  /**
   * One finding per id: its highest version (the latest read of equal versions), in first-seen
   * order of the ids.
   */
  public static List<Finding> latestPerId(List<Finding> findings) {
    Map<String, Finding> latest = new LinkedHashMap<>();
    for (Finding f : findings) {
      latest.merge(f.findingId(), f, (a, b) -> b.version() >= a.version() ? b : a);
    }
    return new ArrayList<>(latest.values());
  }

  static final Comparator<Finding> BY_START =
      Comparator.comparing(Finding::start).thenComparing(Finding::findingId);
}
