package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The incidents of the services of one partition, for the merges whose final attribution arrives
 * after them: the latest status update of each, under {@code <service>|<PROVIDER>:<incidentId>} at
 * its trigger time, kept for the store's retention. One key per incident, so every status update
 * overwrites the previous one.
 */
final class RecentIncidents {

  private final WindowStore<String, IncidentEvent> store;

  RecentIncidents(ProcessingContext context, String storeName) {
    this.store = context.getStateStore(storeName);
  }

  void remember(IncidentEvent incident) {
    store.put(
        incident.getService()
            + "|"
            + incident.getProvider().name()
            + ":"
            + incident.getIncidentId(),
        incident,
        incident.getTriggeredAt().toEpochMilli());
  }

  /** The incidents of {@code service} triggered between two instants (both included). */
  List<IncidentEvent> triggeredBetween(String service, Instant from, Instant to) {
    List<IncidentEvent> out = new ArrayList<>();
    // '|' + 1 is '}': every key "<service>|..." sorts below "<service>}"
    try (KeyValueIterator<Windowed<String>, IncidentEvent> it =
        store.fetch(service + "|", service + "}", from, to)) {
      it.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }
}
