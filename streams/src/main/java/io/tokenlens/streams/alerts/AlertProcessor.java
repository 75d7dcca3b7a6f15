package io.tokenlens.streams.alerts;

import io.tokenlens.schemas.avro.BudgetEntry;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.config.AlertSettings;
import io.tokenlens.streams.topology.StreamsCounters;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Burn and budget alerts on the spend of each subject ({@code <ENGINEER|TEAM>:<id>}, after a
 * repartition by subject): budgets are checked as each request arrives ({@link BudgetGuard}); the
 * hourly burn is scored on a wall-clock punctuation every {@code
 * streams.alerts.evaluate.interval.ms} ({@link BurnDetector}), so an hour is evaluated soon after
 * it closed even when no further record reaches the partition (or, replaying recorded days, once
 * the watermarks of every task that sums the spend have passed it: {@link UpstreamWatermarks}, with
 * {@link AlertSettings.BurnClock#EVENT}). A processor with window stores rather than a windowed
 * aggregation: the DSL's windows close by stream time, which stops on a quiet partition, and the
 * baseline per hour of the week is state the DSL cannot keep next to a window.
 */
public final class AlertProcessor implements Processor<String, SpendUpdate, String, BurnAlert> {

  public static final String LATE_FOR_BURN = "late-for-burn";

  private final AlertSettings settings;
  private final String directoryStore;
  private final AlertStores stores;
  private final int upstreamPartitions;
  private ProcessorContext<String, BurnAlert> context;
  private TimestampedKeyValueStore<String, DirectoryEntry> directory;
  private BudgetGuard budgets;
  private BurnDetector burn;
  private UpstreamWatermarks watermarks;
  private Sensor lateForBurn;

  /**
   * @param upstreamPartitions how many partitions {@code token-usage} has: how many tasks sum the
   *     spend and, replaying, send watermarks
   */
  public AlertProcessor(
      AlertSettings settings, String directoryStore, AlertStores stores, int upstreamPartitions) {
    this.settings = settings;
    this.directoryStore = directoryStore;
    this.stores = stores;
    this.upstreamPartitions = upstreamPartitions;
  }

  @Override
  public void init(ProcessorContext<String, BurnAlert> context) {
    this.context = context;
    this.directory = context.getStateStore(directoryStore);
    this.budgets =
        new BudgetGuard(
            context.getStateStore(stores.periodSpend()), context.getStateStore(stores.raised()));
    this.burn =
        new BurnDetector(
            settings,
            context.getStateStore(stores.hourlySpend()),
            context.getStateStore(stores.baselines()));
    this.lateForBurn = StreamsCounters.counter(context, stores.hourlySpend(), LATE_FOR_BURN);
    if (settings.burnClock() == AlertSettings.BurnClock.EVENT) {
      this.watermarks =
          new UpstreamWatermarks(
              context.getStateStore(stores.watermarks()),
              upstreamPartitions,
              settings.burnSettle().toMillis());
    }
    context.schedule(
        settings.evaluateInterval(), PunctuationType.WALL_CLOCK_TIME, this::evaluateClosedHours);
  }

  @Override
  public void process(Record<String, SpendUpdate> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    if (record.value() instanceof SpendUpdate.Watermark mark) {
      if (watermarks != null) {
        watermarks.advance(mark);
      }
      return;
    }
    double usd = ((SpendUpdate.Sum) record.value()).usd();
    Subject subject = Subject.parse(record.key());
    Instant at = Instant.ofEpochMilli(record.timestamp());
    BudgetEntry budget = budgetOf(subject);
    emit(budgets.add(subject, teamOf(subject), budget, at, usd), record.timestamp());
    long closedThrough =
        watermarks == null ? context.currentSystemTimeMs() : watermarks.closedThrough();
    if (!burn.add(subject, at, usd, Instant.ofEpochMilli(closedThrough))) {
      lateForBurn.record();
    }
  }

  /**
   * Scores the hours closed by the wall clock, or in a replay by the summing tasks' watermarks (the
   * punctuation still runs on the wall clock).
   */
  private void evaluateClosedHours(long wallClock) {
    long closedThrough = watermarks == null ? wallClock : watermarks.advanceClosed(wallClock);
    if (closedThrough != UpstreamWatermarks.NONE) {
      Instant now = Instant.ofEpochMilli(closedThrough);
      emit(burn.evaluateClosedHours(now, this::teamOf), closedThrough);
    }
  }

  private void emit(List<BurnAlert> alerts, long timestamp) {
    for (BurnAlert alert : alerts) {
      context.forward(new Record<>(RecordKeys.burnAlert(alert), alert, timestamp));
    }
  }

  private BudgetEntry budgetOf(Subject subject) {
    DirectoryEntry entry = lookup("budget:" + subject.key());
    return entry == null ? null : entry.getBudget();
  }

  private String teamOf(Subject subject) {
    if (subject.kind() == SubjectKind.TEAM) {
      return subject.id();
    }
    DirectoryEntry entry = lookup("engineer:" + subject.id());
    return entry == null || entry.getEngineer() == null ? null : entry.getEngineer().getTeam();
  }

  private DirectoryEntry lookup(String key) {
    return ValueAndTimestamp.getValueOrNull(directory.get(key));
  }
}
