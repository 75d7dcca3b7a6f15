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
 * ({@code EXPLICIT_REFERENCE}, which wins when both apply: by repository and number, or by a commit of a pull request
 * merged into the service); each (incident, pull request) pair is emitted once,
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
  private final String commitStore;
  private ProcessorContext<String, IncidentLink> context;
  private MergedPrs merged;
  private MergedCommits commits;
  private WindowStore<String, Long> linked;

  public IncidentLinkProcessor(IncidentLinkSettings settings, String mergedStore, String linkedStore,
      String commitStore) {
    this.settings = settings;
    this.mergedStore = mergedStore;
    this.linkedStore = linkedStore;
    this.commitStore = commitStore;
  }

  @Override
  public void init(ProcessorContext<String, IncidentLink> context) {
    this.context = context;
    this.merged = new MergedPrs(context, mergedStore);
    this.linked = context.getStateStore(linkedStore);
    this.commits = new MergedCommits(context, commitStore);
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

    Instant from = triggered.minus(settings.retention());
    Instant to = triggered.plus(settings.retention());
    Map<String, IncidentLink> links = new LinkedHashMap<>();
    for (ChangeReference ref : incident.getChangeReferences()) {
      String prKey = null;
      if (ref.getRepository() != null && ref.getNumber() != null) {
        prKey = RecordKeys.pullRequest(ref.getRepository(), ref.getNumber());
      } else if (ref.getCommitSha() != null) {
        prKey = commits.pullRequestOf(service, ref.getCommitSha(), from, to);
      }
      if (prKey != null) {
        int hash = prKey.lastIndexOf('#');
        links.putIfAbsent(prKey, IncidentLinks.link(incident, prKey.substring(0, hash),
            Long.parseLong(prKey.substring(hash + 1)), merged.find(service, prKey, from, to),
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
