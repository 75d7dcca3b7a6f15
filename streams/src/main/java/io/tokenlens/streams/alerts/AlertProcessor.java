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
 * it closed even when no further record reaches the partition (or, replaying recorded days, as the
 * task's stream time passes it: {@link AlertSettings.BurnClock}). A processor with window stores
 * rather than a windowed aggregation: the DSL's windows close by stream time, which stops on a
 * quiet partition, and the baseline per hour of the week is state the DSL cannot keep next to a
 * window.
 */
public final class AlertProcessor implements Processor<String, Double, String, BurnAlert> {

  public static final String LATE_FOR_BURN = "late-for-burn";

  private final AlertSettings settings;
  private final String directoryStore;
  private final AlertStores stores;
  private ProcessorContext<String, BurnAlert> context;
  private TimestampedKeyValueStore<String, DirectoryEntry> directory;
  private BudgetGuard budgets;
  private BurnDetector burn;
  private Sensor lateForBurn;

  public AlertProcessor(AlertSettings settings, String directoryStore, AlertStores stores) {
    this.settings = settings;
    this.directoryStore = directoryStore;
    this.stores = stores;
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
    context.schedule(
        settings.evaluateInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        wallClock -> {
          Instant now = now();
          emit(burn.evaluateClosedHours(now, wallClock, this::teamOf), now.toEpochMilli());
        });
  }

  @Override
  public void process(Record<String, Double> record) {
    if (record.key() == null || record.value() == null) {
      return;
    }
    Subject subject = Subject.parse(record.key());
    Instant at = Instant.ofEpochMilli(record.timestamp());
    BudgetEntry budget = budgetOf(subject);
    emit(budgets.add(subject, teamOf(subject), budget, at, record.value()), record.timestamp());
    if (!burn.add(subject, at, record.value(), now(), context.currentSystemTimeMs())) {
      lateForBurn.record();
    }
  }

  /**
   * What closes hours: the wall clock, or in a replay the task's stream time (the newest event time
   * it processed, as the punctuation still runs on the wall clock).
   */
  private Instant now() {
    return Instant.ofEpochMilli(
        settings.burnClock() == AlertSettings.BurnClock.EVENT
            ? context.currentStreamTimeMs()
            : context.currentSystemTimeMs());
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
