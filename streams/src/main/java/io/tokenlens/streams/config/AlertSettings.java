package io.tokenlens.streams.config;

import io.tokenlens.schemas.config.ConfigReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of the burn and budget alerts.
 *
 * @param burnMinUsd the least hourly spend that can be anomalous: quieter hours never alert,
 *     whatever their score
 * @param burnZThreshold the z-score (observed minus baseline mean, over the baseline standard
 *     deviation) from which an hour is anomalous
 * @param burnHalfLifeWeeks half-life of the baseline, in observations of the same hour of the week
 *     (weeks)
 * @param burnMinWeeks how many earlier observations of the same hour of the week the baseline needs
 *     before it alerts
 * @param burnGrace how long after an hour's end its spend may still arrive before the hour is
 *     evaluated (wall clock)
 * @param evaluateInterval wall-clock interval of the hourly evaluation
 * @param baselineRetention how long a baseline is kept without a new observation; more than a week
 * @param burnClock what closes an hour for the burn: the wall clock (live) or the watermarks of the
 *     tasks that sum the spend (a replay of recorded days)
 * @param burnSettle replaying ({@code burnClock} EVENT): how long (wall clock, after an alert task
 *     first knew a watermark) a {@code token-usage} partition that has sent none holds hours back
 * @param burnSlots how many baselines each subject has: 168 (one per hour of the week), 24 (one per
 *     hour of the day) or 1 (one for every hour)
 */
public record AlertSettings(
    double burnMinUsd,
    double burnZThreshold,
    double burnHalfLifeWeeks,
    int burnMinWeeks,
    Duration burnGrace,
    Duration evaluateInterval,
    Duration baselineRetention,
    BurnClock burnClock,
    Duration burnSettle,
    int burnSlots) {

  /** What closes an hour for the burn. */
  public enum BurnClock {
    /** The wall clock: an hour is scored soon after it ended, even with no further record. */
    WALL,
    /**
     * Event time: an hour closes once the watermark of every task that sums the spend (the newest
     * event time of the requests it read) has passed its end plus the grace. A replay of recorded
     * days scores its hours as it goes, and an hour waits for later requests on every partition.
     */
    EVENT
  }

  /** The numbers of baseline slots a subject may have. */
  public static final List<Integer> SLOT_CHOICES = List.of(168, 24, 1);

  public static final String BURN_MIN_USD = "streams.alerts.burn.min.usd";
  public static final String BURN_Z_THRESHOLD = "streams.alerts.burn.z.threshold";
  public static final String BURN_HALF_LIFE_WEEKS = "streams.alerts.burn.half.life.weeks";
  public static final String BURN_MIN_WEEKS = "streams.alerts.burn.min.weeks";
  public static final String BURN_GRACE_MS = "streams.alerts.burn.grace.ms";
  public static final String EVALUATE_INTERVAL_MS = "streams.alerts.evaluate.interval.ms";
  public static final String BASELINE_RETENTION_MS = "streams.alerts.baseline.retention.ms";
  public static final String BURN_CLOCK = "streams.alerts.burn.clock";
  public static final String BURN_SLOTS = "streams.alerts.burn.slots";
  public static final String BURN_SETTLE_MS = "streams.alerts.burn.settle.ms";

  static void defaults(Map<String, String> d) {
    d.put(BURN_MIN_USD, "5.0");
    d.put(BURN_Z_THRESHOLD, "3.0");
    d.put(BURN_HALF_LIFE_WEEKS, "4");
    d.put(BURN_MIN_WEEKS, "2");
    d.put(BURN_GRACE_MS, Long.toString(Duration.ofMinutes(5).toMillis()));
    d.put(EVALUATE_INTERVAL_MS, Long.toString(Duration.ofMinutes(1).toMillis()));
    d.put(BASELINE_RETENTION_MS, Long.toString(Duration.ofDays(56).toMillis()));
    d.put(BURN_CLOCK, "wall");
    d.put(BURN_SLOTS, "168");
    d.put(BURN_SETTLE_MS, "10000");
  }

  /**
   * The alert settings alone: the defaults with {@code overrides} (any keys; the others are
   * ignored), for a model of the job's alerts such as the simulator's planted burn.
   */
  public static AlertSettings fromMap(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    defaults(values);
    values.putAll(overrides);
    ConfigReader reader = new ConfigReader(values);
    AlertSettings settings = read(reader);
    reader.throwIfInvalid("alert settings");
    return settings;
  }

  static AlertSettings read(ConfigReader reader) {
    double minUsd = reader.doubleAtLeast(BURN_MIN_USD, 0);
    double z = reader.doubleAtLeast(BURN_Z_THRESHOLD, 0);
    double halfLife = reader.doubleAtLeast(BURN_HALF_LIFE_WEEKS, 0.1);
    int minWeeks = reader.intAtLeast(BURN_MIN_WEEKS, 1);
    Duration grace = reader.millisAtLeast(BURN_GRACE_MS, 0);
    Duration interval = reader.millisAtLeast(EVALUATE_INTERVAL_MS, 1000);
    Duration retention = reader.millisAtLeast(BASELINE_RETENTION_MS, Duration.ofDays(8).toMillis());
    BurnClock clock = reader.choice(BURN_CLOCK, BurnClock.class, BurnClock.WALL);
    Duration settle = reader.millisAtLeast(BURN_SETTLE_MS, 0);
    int slots = reader.intAtLeast(BURN_SLOTS, 1);
    if (!SLOT_CHOICES.contains(slots)) {
      reader.error(BURN_SLOTS + " must be one of " + SLOT_CHOICES + " but is " + slots);
    }
    return new AlertSettings(
        minUsd, z, halfLife, minWeeks, grace, interval, retention, clock, settle, slots);
  }
}
