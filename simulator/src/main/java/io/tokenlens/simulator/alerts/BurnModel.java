package io.tokenlens.simulator.alerts;

import io.tokenlens.streams.alerts.Baseline;
import io.tokenlens.streams.config.AlertSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The streams job's anomalous-burn rule applied to a subject's whole hourly spend, in hour order:
 * each hour with spend is scored against its slot's {@link Baseline} and then folded into it, as
 * the job does once the hour has closed. What the simulator sizes its planted burn with and what
 * says which hours the job should raise.
 */
public final class BurnModel {
  private final AlertSettings settings;
  private final double alpha;

  public BurnModel(AlertSettings settings) {
    this.settings = settings;
    this.alpha = Baseline.alpha(settings.burnHalfLifeWeeks());
  }

  /** The hours of {@code hourly} (hour start to USD) that raise ANOMALOUS_BURN. */
  public List<Instant> anomalousHours(NavigableMap<Instant, Double> hourly) {
    List<Instant> anomalous = new ArrayList<>();
    Map<Integer, Baseline> baselines = new HashMap<>();
    hourly.forEach(
        (hour, usd) -> {
          Baseline baseline = baselines.get(Baseline.slot(hour, settings.burnSlots()));
          if (baseline != null && baseline.isAnomalous(usd, settings)) {
            anomalous.add(hour);
          }
          fold(baselines, hour, usd);
        });
    return anomalous;
  }

  /**
   * Whether a replay decides the hour: the job closes it once the newest request read on every
   * {@code token-usage} partition is at least its end plus the grace ({@link
   * io.tokenlens.streams.alerts.AlertProcessor}, closing by the summing tasks' watermarks), that is
   * once the {@link ReplayHorizon} has passed it.
   */
  public boolean isDecided(Instant hour, Instant horizon) {
    return !hour.plus(Duration.ofHours(1)).plus(settings.burnGrace()).isAfter(horizon);
  }

  /** The hours of {@code hourly} that raise ANOMALOUS_BURN and that a replay decides. */
  public List<Instant> decidedAnomalousHours(
      NavigableMap<Instant, Double> hourly, Instant horizon) {
    return anomalousHours(hourly).stream().filter(h -> isDecided(h, horizon)).toList();
  }

  /**
   * The baseline an hour is scored against: from the hours before it, null when none of its slot
   * had spend.
   */
  public Baseline baselineAt(NavigableMap<Instant, Double> hourly, Instant hour) {
    Map<Integer, Baseline> baselines = new HashMap<>();
    hourly.headMap(hour, false).forEach((h, usd) -> fold(baselines, h, usd));
    return baselines.get(Baseline.slot(hour, settings.burnSlots()));
  }

  public AlertSettings settings() {
    return settings;
  }

  private void fold(Map<Integer, Baseline> baselines, Instant hour, double usd) {
    baselines.merge(
        Baseline.slot(hour, settings.burnSlots()),
        Baseline.first(usd),
        (before, first) -> before.update(usd, alpha));
  }
}
