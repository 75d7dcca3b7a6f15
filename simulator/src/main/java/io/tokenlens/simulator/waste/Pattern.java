package io.tokenlens.simulator.waste;

/** The waste patterns the detectors look for (the names of {@code WasteFinding.pattern}). */
public enum Pattern {
  LOOPING_AGENT,
  OVERNIGHT_PADDING,
  DUPLICATE_GENERATION,
  RETRY_STORM,
  CACHE_THRASH,
  CONTEXT_BLOAT,
  DISCARDED_OUTPUT,
  ABANDONED_SPEND,
  INCIDENT_AFTER_AI_HEAVY_PR,
  UNAPPROVED_AI_HEAVY_MERGE
}
