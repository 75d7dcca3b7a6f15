package io.tokenlens.streams.alerts;

import static io.tokenlens.streams.topology.TopologyNames.*;

import io.tokenlens.streams.config.AlertSettings;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert stores, every one but the last a window store whose retention bounds it: hourly spend
 * until the hour is evaluated (a day at least; replaying, {@code
 * streams.alerts.baseline.retention.ms}, as a replay's sums of days can arrive before its first
 * hour is closed and scored), daily and monthly spend and the alerts raised per period (a month and
 * a few days), baselines per subject and hour of the week ({@code
 * streams.alerts.baseline.retention.ms} without a new observation); and the summing tasks'
 * watermarks, a key-value store of one entry per {@code token-usage} partition and one more ({@link
 * UpstreamWatermarks}).
 */
public record AlertStores(
    String hourlySpend, String periodSpend, String raised, String baselines, String watermarks) {

  /**
   * Longest budget period plus margin: spend and raised alerts of a month stay until it is over.
   */
  static final Duration PERIOD_RETENTION = Duration.ofDays(33);

  public static final AlertStores NAMES =
      new AlertStores(
          ALERTS_HOURLY_SPEND_STORE,
          ALERTS_PERIOD_SPEND_STORE,
          ALERTS_RAISED_STORE,
          ALERTS_BASELINE_STORE,
          ALERTS_WATERMARKS_STORE);

  public String[] all() {
    return new String[] {hourlySpend, periodSpend, raised, baselines, watermarks};
  }

  void addTo(StreamsBuilder builder, AlertSettings settings) {
    Duration hourlyRetention =
        settings.burnClock() == AlertSettings.BurnClock.EVENT
            ? settings.baselineRetention()
            : Duration.ofDays(1).plus(settings.burnGrace()).plus(Duration.ofHours(1));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(hourlySpend, hourlyRetention, hourlyRetention, false),
            Serdes.String(),
            Serdes.Double()));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(periodSpend, PERIOD_RETENTION, PERIOD_RETENTION, false),
            Serdes.String(),
            Serdes.Double()));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(raised, PERIOD_RETENTION, PERIOD_RETENTION, false),
            Serdes.String(),
            Serdes.Long()));
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                baselines, settings.baselineRetention(), settings.baselineRetention(), false),
            Serdes.String(),
            new BaselineSerde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(watermarks), Serdes.Integer(), Serdes.Long()));
  }
}
