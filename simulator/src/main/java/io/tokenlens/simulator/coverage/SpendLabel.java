package io.tokenlens.simulator.coverage;

import java.time.LocalDate;

/**
 * The ground truth of one UTC day and provider of the simulated provider exports.
 *
 * @param day the UTC day of the export's bucket
 * @param provider the provider, lowercase, as the telemetry names it
 * @param exportedUsd the export's spend, priced as the shipped price table prices it
 * @param telemetryUsd the simulated telemetry's spend of the same day and provider
 * @param uninstrumentedUsd the spend planted in the export only (0 on a day without)
 */
public record SpendLabel(
    LocalDate day,
    String provider,
    double exportedUsd,
    double telemetryUsd,
    double uninstrumentedUsd) {

  /** Whether spend was planted that no collector sends. */
  public boolean planted() {
    return uninstrumentedUsd > 0;
  }
}
