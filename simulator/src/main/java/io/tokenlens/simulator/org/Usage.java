package io.tokenlens.simulator.org;

/**
 * How an engineer uses AI. Most are {@link #USUAL}; a few are planted at either end of the usage
 * tiers for the report's adoption and tier sections to find.
 */
public enum Usage {
  /** The baseline workday. */
  USUAL,
  /** Works and merges like the others, with at most one tiny AI session a few days a week. */
  LOW_ADOPTION,
  /**
   * Several times the usual agentic work (ten long runs a day), one merged pull request every
   * {@code 5} workdays.
   */
  HEAVY_LOW_OUTPUT
}
