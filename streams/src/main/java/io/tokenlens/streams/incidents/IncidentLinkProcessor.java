package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.streams.config.IncidentLinkSettings;
import java.util.List;

/**
 * The incident side of the incident ↔ pull-request join, on {@code incident-events} (keyed by
 * service). Every status update of an incident is remembered in the incidents store (the latest one
 * per incident, at its trigger time) and links it to the pull requests already known to be merged
 * into its service's repositories within the link window before it was triggered ({@code
 * SERVICE_RECENT_MERGE}) and to the pull requests it references explicitly ({@code
 * EXPLICIT_REFERENCE}, which wins when both apply: by repository and number, or by a commit of a
 * pull request merged into the service). The merges that reach the join after the incident are
 * linked by {@link MergedPrProcessor}; each (incident, pull request) pair is emitted once by
 * whichever side comes second, whatever the number of status updates or attribution versions
 * ({@link LinkedPairs}).
 *
 * <p>Why processors over window stores rather than a DSL join: the final attribution of each merged
 * pull request (service from the directory, AI cost) is re-keyed by service through a named
 * repartition with as many partitions as {@code incident-events}, so it meets the service's
 * incidents on the same partition, and kept in a window store under its merge time whose retention
 * bounds it; the incidents are kept likewise under their trigger time. "Every merge within 72 h
 * before the trigger, plus the referenced ones, each pair once across status updates" is a range
 * scan of the other side's store: a windowed stream–stream join would pair on the record times of
 * both sides (status updates long after the trigger would fall outside it, and every update would
 * re-emit every pair), and a table join looks up one key, not the service's recent merges. The cost
 * rides along with the merge record itself, so no second join with {@code pr-attribution} is
 * needed.
 */
public final class IncidentLinkProcessor extends JoinSideProcessor<IncidentEvent> {

  public IncidentLinkProcessor(IncidentLinkSettings settings, IncidentLinkStores stores) {
    super(settings, stores);
  }

  @Override
  List<IncidentLink> links(IncidentLinker linker, IncidentEvent incident) {
    if (incident == null || incident.getService() == null || incident.getTriggeredAt() == null) {
      return List.of();
    }
    return linker.incident(incident);
  }
}
