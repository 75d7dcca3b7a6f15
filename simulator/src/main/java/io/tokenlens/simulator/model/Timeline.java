package io.tokenlens.simulator.model;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.simulator.waste.Label;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything a simulation produced, in event time: the records as the collectors should publish
 * them, the pushes (which the collectors do not publish) and the ground-truth labels. Events after
 * {@link #end} are dropped: they have not happened yet; so are labels of occurrences not finished
 * by then.
 */
public final class Timeline {
  private final Instant end;
  private final List<GeneratedEvent> events = new ArrayList<>();
  private final List<Push> pushes = new ArrayList<>();
  private final List<Label> labels = new ArrayList<>();

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

  public Instant end() {
    return end;
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
