package io.tokenlens.simulator.eval;

import io.tokenlens.simulator.org.Organisation;
import io.tokenlens.simulator.org.Usage;
import java.util.Comparator;
import java.util.List;

/**
 * Scores the report's adoption and usage-tier sections against the planted usage profiles ({@code
 * org.Usage}), as the detectors are scored, each engineer one label. The rules are the sections'
 * own, over each engineer's tokens and merged pull requests of the window:
 *
 * <ul>
 *   <li>{@link #LOW_ADOPTION}: the engineers the adoption section lists, whose tokens are below a
 *       tenth of the median (ClickHouse's {@code quantileExact(0.5)}) of the engineers with usage;
 *   <li>{@link #HEAVY_LOW_OUTPUT}: the engineers with tokens in the heaviest of the tier section's
 *       quintiles ({@code ntile(5)} by tokens, then id) whose merged pull requests are below half
 *       the merged pull requests per engineer of the median engineer's tier.
 * </ul>
 */
public final class UsageProfileScore {
  /** The pattern name the low-adoption score is reported under. */
  public static final String LOW_ADOPTION = "LOW_ADOPTION";

  /** The pattern name the heavy-use-with-low-output score is reported under. */
  public static final String HEAVY_LOW_OUTPUT = "HEAVY_LOW_OUTPUT";

  /** Tokens below this share of the median engineer's are little or no AI use. */
  public static final double LOW_USE_SHARE = 0.1;

  /** Merged pull requests below this share of the median tier's per engineer are low output. */
  public static final double LOW_OUTPUT_SHARE = 0.5;

  static final int TIERS = 5;

  /**
   * One engineer of the directory, of the usage or of a merge in the window.
   *
   * @param hasUsage whether the engineer has usage rows (the median is over those)
   */
  public record Row(String engineerId, boolean hasUsage, long tokens, long mergedPrs) {}

  private UsageProfileScore() {}

  /** The engineers the adoption section lists, in id order. */
  public static List<String> lowAdoption(List<Row> rows) {
    List<Long> tokens = rows.stream().filter(Row::hasUsage).map(Row::tokens).sorted().toList();
    if (tokens.isEmpty()) {
      return List.of();
    }
    long median = tokens.get(tokens.size() / 2);
    return rows.stream()
        .filter(r -> r.tokens() < LOW_USE_SHARE * median)
        .map(Row::engineerId)
        .sorted()
        .toList();
  }

  /** The engineers of the heaviest tier with under half the median tier's merges, in id order. */
  public static List<String> heavyLowOutput(List<Row> rows) {
    List<Row> ranked =
        rows.stream()
            .filter(r -> r.tokens() > 0)
            .sorted(Comparator.comparingLong(Row::tokens).thenComparing(Row::engineerId))
            .toList();
    int n = ranked.size();
    if (n == 0) {
      return List.of();
    }
    int heaviest = tier(n - 1, n);
    int median = tier((n + 1) / 2 - 1, n);
    long medianMerged = 0;
    int medianEngineers = 0;
    for (int i = 0; i < n; i++) {
      if (tier(i, n) == median) {
        medianMerged += ranked.get(i).mergedPrs();
        medianEngineers++;
      }
    }
    double threshold = LOW_OUTPUT_SHARE * medianMerged / medianEngineers;
    List<String> found = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (tier(i, n) == heaviest && ranked.get(i).mergedPrs() < threshold) {
        found.add(ranked.get(i).engineerId());
      }
    }
    return found.stream().sorted().toList();
  }

  /** Both profiles' scores, low adoption first: each rule's findings against the planted. */
  public static List<PatternScore> scores(Organisation organisation, List<Row> rows) {
    return List.of(
        SetScore.of(
            LOW_ADOPTION, organisation.withUsage(Usage.LOW_ADOPTION), List.of(), lowAdoption(rows)),
        SetScore.of(
            HEAVY_LOW_OUTPUT,
            organisation.withUsage(Usage.HEAVY_LOW_OUTPUT),
            List.of(),
            heavyLowOutput(rows)));
  }

  /** The 1-based {@code ntile(5)} of the {@code i}-th (0-based) of {@code n} rows. */
  static int tier(int i, int n) {
    int size = n / TIERS;
    int larger = n % TIERS;
    int inLarger = larger * (size + 1);
    return i < inLarger ? i / (size + 1) + 1 : larger + (i - inLarger) / size + 1;
  }
}
