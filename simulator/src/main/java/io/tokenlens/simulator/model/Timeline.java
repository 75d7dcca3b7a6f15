package io.tokenlens.simulator.model;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.simulator.alerts.BurnBurst;
import io.tokenlens.simulator.reverts.PlantedRevert;
import io.tokenlens.simulator.waste.Label;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything a simulation produced, in event time: the records as the collectors should publish
 * them, the pushes (which the collectors do not publish), the ground-truth labels, the planted burn
 * and the planted reverts. Events after {@link #end} are dropped: they have not happened yet; so
 * are labels of occurrences not finished by then.
 */
public final class Timeline {
  private final Instant end;
  private final List<GeneratedEvent> events = new ArrayList<>();
  private final List<Push> pushes = new ArrayList<>();
  private final List<Label> labels = new ArrayList<>();
  private final List<PlantedRevert> reverts = new ArrayList<>();
  private BurnBurst.Planted plantedBurn;

  public Timeline(Instant end) {
    this.end = end;
  }

  public <V extends SpecificRecord> void add(Topic<V> topic, V value, Instant at) {
    if (at.isBefore(end)) {
      events.add(new GeneratedEvent(topic, topic.key(value), value, at));
    }
  }

  public void push(Push push) {
    if (push.at().isBefore(end)) {
      pushes.add(push);
    }
  }

  /**
   * Adds a label, unless its occurrence had not finished by the end (then it is not a complete
   * occurrence).
   */
  public void label(Label label) {
    if (!label.end().isAfter(end)) {
      labels.add(label);
    }
  }

  /** Records the planted burst of anomalous burn (its events are added as any others). */
  public void plantedBurn(BurnBurst.Planted burn) {
    this.plantedBurn = burn;
  }

  /** Records a planted revert (its push is added as any other, and must be before the end). */
  public void revert(PlantedRevert revert) {
    reverts.add(revert);
  }

  /** The planted reverts and their look-alikes, in the order planted. */
  public List<PlantedRevert> reverts() {
    return List.copyOf(reverts);
  }

  /** The planted burst of anomalous burn, if the simulation had an hour for one. */
  public Optional<BurnBurst.Planted> plantedBurn() {
    return Optional.ofNullable(plantedBurn);
  }

  public Instant end() {
    return end;
  }

  /** How many events were added so far: a mark for {@link #eventsSince}. */
  public int eventCount() {
    return events.size();
  }

  /** The events added since {@code mark} ({@link #eventCount()}), in the order added. */
  public List<GeneratedEvent> eventsSince(int mark) {
    return List.copyOf(events.subList(mark, events.size()));
  }

  /** The events sorted by event time (stable for equal times). */
  public List<GeneratedEvent> events() {
    List<GeneratedEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(GeneratedEvent::occurredAt));
    return sorted;
  }

  public List<Push> pushes() {
    List<Push> sorted = new ArrayList<>(pushes);
    sorted.sort(Comparator.comparing(Push::at));
    return sorted;
  }

  public List<Label> labels() {
    List<Label> sorted = new ArrayList<>(labels);
    sorted.sort(
        Comparator.comparing(Label::start)
            .thenComparing(Label::engineerId)
            .thenComparing(l -> l.pattern().name()));
    return sorted;
  }
}
