package io.tokenlens.streams.alerts;

import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.streams.config.AlertSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Anomalous burn: each subject's spend per UTC hour (event time) is collected until the hour has
 * closed by the wall clock (its end plus the grace), then scored against the subject's baseline for
 * that hour of the week (an exponentially weighted mean and variance, {@link Baseline}) and folded
 * into it. A replay of recorded days closes hours by the summing tasks' watermarks instead ({@link
 * AlertSettings.BurnClock#EVENT}, {@link UpstreamWatermarks}: the caller passes the closing time as
 * "now"), and a short replay may keep one baseline per hour of the day or a single one ({@link
 * AlertSettings#burnSlots()}). An hour is anomalous when its spend reaches the absolute floor, the
 * baseline has enough observations, and its z-score reaches the threshold.
 *
 * <p>Closing hours by the wall clock (a punctuation) rather than by stream time: stream time stops
 * on a quiet partition, and the alert for the last busy hour of the night must not wait for the
 * morning's first request. A request for an hour already closed is counted for the budgets but not
 * for the burn (a replay after an outage does not re-score old hours).
 */
final class BurnDetector {

  private final AlertSettings settings;
  private final double alpha;
  private final WindowStore<String, Double> hourly;
  private final WindowStore<String, Baseline> baselines;

  BurnDetector(
      AlertSettings settings,
      WindowStore<String, Double> hourly,
      WindowStore<String, Baseline> baselines) {
    this.settings = settings;
    this.alpha = Baseline.alpha(settings.burnHalfLifeWeeks());
    this.hourly = hourly;
    this.baselines = baselines;
  }

  /** Adds a request's cost to its hour; false when {@code now} had closed the hour already. */
  boolean add(Subject subject, Instant at, double cost, Instant now) {
    Instant hour = at.truncatedTo(ChronoUnit.HOURS);
    if (isClosed(hour, now)) {
      return false;
    }
    Double before = hourly.fetch(subject.key(), hour.toEpochMilli());
    hourly.put(subject.key(), (before == null ? 0 : before) + cost, hour.toEpochMilli());
    return true;
  }

  /**
   * Scores every hour closed by {@code now}, updates the baselines, forgets the hours; the
   * anomalies found.
   */
  List<BurnAlert> evaluateClosedHours(Instant now, Function<Subject, String> teamOf) {
    Instant lastClosedStart = now.minus(settings.burnGrace()).minus(Duration.ofHours(1));
    List<KeyValue<Windowed<String>, Double>> closed = new ArrayList<>();
    try (KeyValueIterator<Windowed<String>, Double> it =
        hourly.fetchAll(Instant.EPOCH, lastClosedStart)) {
      it.forEachRemaining(closed::add);
    }
    List<BurnAlert> alerts = new ArrayList<>();
    for (KeyValue<Windowed<String>, Double> hour : closed) {
      Subject subject = Subject.parse(hour.key.key());
      Instant start = hour.key.window().startTime();
      BurnAlert alert = evaluate(subject, start, hour.value, now, teamOf);
      if (alert != null) {
        alerts.add(alert);
      }
      hourly.put(hour.key.key(), null, start.toEpochMilli());
    }
    return alerts;
  }

  private BurnAlert evaluate(
      Subject subject,
      Instant hourStart,
      double observed,
      Instant now,
      Function<Subject, String> teamOf) {
    String key = subject.key() + "|" + Baseline.slot(hourStart, settings.burnSlots());
    Baseline baseline = latest(key, hourStart);
    BurnAlert alert = null;
    if (baseline != null && baseline.isAnomalous(observed, settings)) {
      alert =
          BurnAlerts.anomaly(
              subject,
              teamOf.apply(subject),
              hourStart,
              hourStart.plus(Duration.ofHours(1)),
              now,
              observed,
              baseline,
              baseline.score(observed),
              baseline.threshold(settings));
    }
    Baseline next = baseline == null ? Baseline.first(observed) : baseline.update(observed, alpha);
    baselines.put(key, next, hourStart.toEpochMilli());
    return alert;
  }

  private Baseline latest(String key, Instant before) {
    try (WindowStoreIterator<Baseline> it =
        baselines.backwardFetch(
            key, before.minus(settings.baselineRetention()), before.minusMillis(1))) {
      return it.hasNext() ? it.next().value : null;
    }
  }

  private boolean isClosed(Instant hourStart, Instant now) {
    return !hourStart.plus(Duration.ofHours(1)).plus(settings.burnGrace()).isAfter(now);
  }
}
