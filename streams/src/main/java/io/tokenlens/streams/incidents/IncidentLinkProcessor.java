package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.ChangeReference;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.LinkReason;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.config.IncidentLinkSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The incident side of the incident ↔ pull-request join, on {@code incident-events} (keyed by service). Every status
 * update of an incident links it to the pull requests merged into its service's repositories within the link window
 * before it was triggered ({@code SERVICE_RECENT_MERGE}) and to the pull requests it references explicitly
 * ({@code EXPLICIT_REFERENCE}, which wins when both apply); each (incident, pull request) pair is emitted once,
 * whatever the number of status updates, because the emitted pairs are remembered for the retention.
 *
 * <p>Why a processor over a window store rather than a DSL join: the final attribution of each merged pull request
 * (service from the directory, AI cost) is re-keyed by service through a named repartition with as many partitions
 * as {@code incident-events}, so it meets the service's incidents on the same partition, and kept in a window store
 * under its merge time whose retention bounds it. "Every merge within 72 h before the trigger, plus the referenced
 * ones, each pair once across status updates" is a range scan of that store at the incident's trigger time: a
 * windowed stream–stream join would pair on the record times of both sides (status updates long after the trigger
 * would fall outside it, and every update would re-emit every pair), and a table join looks up one key, not the
 * service's recent merges. The cost rides along with the merge record itself, so no second join with
 * {@code pr-attribution} is needed: a merged pull request's attribution is final at its merge.
 */
public final class IncidentLinkProcessor implements Processor<String, IncidentEvent, String, IncidentLink> {

  private final IncidentLinkSettings settings;
  private final String mergedStore;
  private final String linkedStore;
  private ProcessorContext<String, IncidentLink> context;
  private MergedPrs merged;
  private WindowStore<String, Long> linked;

  public IncidentLinkProcessor(IncidentLinkSettings settings, String mergedStore, String linkedStore) {
    this.settings = settings;
    this.mergedStore = mergedStore;
    this.linkedStore = linkedStore;
  }

  @Override
  public void init(ProcessorContext<String, IncidentLink> context) {
    this.context = context;
    this.merged = new MergedPrs(context, mergedStore);
    this.linked = context.getStateStore(linkedStore);
  }

  @Override
  public void process(Record<String, IncidentEvent> record) {
    IncidentEvent incident = record.value();
    if (incident == null || incident.getService() == null || incident.getTriggeredAt() == null) {
      return;
    }
    String service = incident.getService();
    Instant triggered = incident.getTriggeredAt();
    List<PrAttribution> recent = merged.mergedBetween(service, triggered.minus(settings.window()), triggered);
    List<PrAttribution> peers = merged.mergedBetween(service, triggered.minus(settings.retention()), triggered);

    Map<String, IncidentLink> links = new LinkedHashMap<>();
    for (ChangeReference ref : incident.getChangeReferences()) {
      if (ref.getRepository() != null && ref.getNumber() != null) {
        String prKey = RecordKeys.pullRequest(ref.getRepository(), ref.getNumber());
        PrAttribution pr = merged.find(service, prKey, triggered.minus(settings.retention()),
            triggered.plus(settings.retention()));
        links.putIfAbsent(prKey, IncidentLinks.link(incident, ref.getRepository(), ref.getNumber(), pr,
            LinkReason.EXPLICIT_REFERENCE, peers));
      }
    }
    for (PrAttribution pr : recent) {
      links.putIfAbsent(RecordKeys.prAttribution(pr), IncidentLinks.link(incident, pr.getRepository(),
          pr.getNumber(), pr, LinkReason.SERVICE_RECENT_MERGE, peers));
    }
    long at = triggered.toEpochMilli();
    for (IncidentLink link : links.values()) {
      if (!alreadyLinked(link.getLinkId(), at)) {
        linked.put(link.getLinkId(), at, at);
        context.forward(new Record<>(RecordKeys.incidentLink(link), link, record.timestamp()));
      }
    }
  }

  private boolean alreadyLinked(String linkId, long triggeredAt) {
    try (WindowStoreIterator<Long> it = linked.fetch(linkId, triggeredAt, triggeredAt)) {
      return it.hasNext();
    }
  }
}
