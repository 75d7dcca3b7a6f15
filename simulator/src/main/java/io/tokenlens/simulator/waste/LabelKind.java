package io.tokenlens.simulator.waste;

import java.util.Locale;

/** What a label says about its span: waste a detector must find, or traffic it must leave alone. */
public enum LabelKind {
  /** The pattern, at or above its threshold: a detector must report it. */
  PLANTED,
  /** The same shape just under the threshold: must not be reported. */
  NEAR_MISS,
  /** Legitimate work that resembles the pattern: must not be reported. */
  LOOK_ALIKE;

  /** The spelling in the labels file: {@code planted}, {@code near-miss}, {@code look-alike}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
