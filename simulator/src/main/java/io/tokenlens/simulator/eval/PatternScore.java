package io.tokenlens.simulator.eval;

/**
 * One pattern's figures, with the 95% Wilson score intervals of precision and recall ({@link
 * WilsonInterval}; null when the ratio is). {@code falsePositives} splits into findings overlapping
 * a near-miss, a look-alike, a planted label already matched by another finding ({@code repeated}),
 * and no label at all ({@code unlabelled}). Precision is null when nothing was found, recall when
 * nothing was planted, F1 when either is null or both are 0.
 */
public record PatternScore(
    String pattern,
    int planted,
    int found,
    int truePositives,
    int falsePositives,
    int falseNegatives,
    Double precision,
    Double recall,
    Double f1,
    int onNearMiss,
    int onLookAlike,
    int repeated,
    int unlabelled,
    Double precisionLow,
    Double precisionHigh,
    Double recallLow,
    Double recallHigh) {

  static PatternScore of(
      String pattern,
      int planted,
      int found,
      int truePositives,
      int onNearMiss,
      int onLookAlike,
      int repeated,
      int unlabelled) {
    Double precision = found == 0 ? null : (double) truePositives / found;
    Double recall = planted == 0 ? null : (double) truePositives / planted;
    Double f1 =
        precision == null || recall == null || precision + recall == 0
            ? null
            : 2 * precision * recall / (precision + recall);
    WilsonInterval p = WilsonInterval.of(truePositives, found);
    WilsonInterval r = WilsonInterval.of(truePositives, planted);
    return new PatternScore(
        pattern,
        planted,
        found,
        truePositives,
        found - truePositives,
        planted - truePositives,
        precision,
        recall,
        f1,
        onNearMiss,
        onLookAlike,
        repeated,
        unlabelled,
        p == null ? null : p.low(),
        p == null ? null : p.high(),
        r == null ? null : r.low(),
        r == null ? null : r.high());
  }
}
