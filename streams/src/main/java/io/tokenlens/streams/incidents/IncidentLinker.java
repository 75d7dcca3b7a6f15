package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.LinkReason;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.config.IncidentLinkSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The links of the join over its stores, from either side: an incident links every pull request
 * merged into its service within the link window before its trigger ({@code SERVICE_RECENT_MERGE})
 * and every pull request it references ({@code EXPLICIT_REFERENCE}, which wins when both apply).
 * Both sides remember what they see first and look up the other side's store, so the pair is found
 * by whichever side is processed second; {@link LinkedPairs} keeps each pair to one emission.
 */
final class IncidentLinker {

  private final IncidentLinkSettings settings;
  private final MergedPrs merged;
  private final RecentIncidents incidents;
  private final IncidentReferences references;
  private final LinkedPairs pairs;

  IncidentLinker(
      ProcessingContext context, IncidentLinkSettings settings, IncidentLinkStores stores) {
    this.settings = settings;
    this.merged = new MergedPrs(context, stores.mergedPrs());
    this.incidents = new RecentIncidents(context, stores.incidents());
    this.references =
        new IncidentReferences(new MergedCommits(context, stores.commits()), settings.retention());
    this.pairs = new LinkedPairs(context, stores.linked());
  }

  /** Remembers a status update of an incident and returns its links not emitted yet. */
  List<IncidentLink> incident(IncidentEvent incident) {
    incidents.remember(incident);
    String service = incident.getService();
    Instant triggered = incident.getTriggeredAt();
    Instant windowStart = triggered.minus(settings.window());
    List<PrAttribution> peers = peersOf(incident);
    Map<String, IncidentLink> links = new LinkedHashMap<>();
    for (String prKey : references.pullRequests(incident)) {
      int hash = prKey.lastIndexOf('#');
      PrAttribution pr =
          merged.find(
              service,
              prKey,
              triggered.minus(settings.retention()),
              triggered.plus(settings.retention()));
      links.put(
          prKey,
          IncidentLinks.link(
              incident,
              prKey.substring(0, hash),
              Long.parseLong(prKey.substring(hash + 1)),
              pr,
              LinkReason.EXPLICIT_REFERENCE,
              peers));
    }
    for (PrAttribution pr : peers) {
      if (!pr.getMergedAt().isBefore(windowStart)) {
        links.putIfAbsent(
            RecordKeys.prAttribution(pr),
            IncidentLinks.link(
                incident,
                pr.getRepository(),
                pr.getNumber(),
                pr,
                LinkReason.SERVICE_RECENT_MERGE,
                peers));
      }
    }
    return links.values().stream().filter(pairs::claim).toList();
  }

  /**
   * Remembers a version of the final attribution of a merged pull request and returns its links not
   * emitted yet: to the incidents of its service triggered within the link window after the merge,
   * and to those that reference it triggered within the retention either side of it.
   */
  List<IncidentLink> mergedPr(PrAttribution pr) {
    merged.remember(pr);
    String prKey = RecordKeys.prAttribution(pr);
    Instant mergedAt = pr.getMergedAt();
    Instant windowEnd = mergedAt.plus(settings.window());
    List<IncidentLink> links = new ArrayList<>();
    for (IncidentEvent incident :
        incidents.triggeredBetween(
            pr.getService(),
            mergedAt.minus(settings.retention()),
            mergedAt.plus(settings.retention()))) {
      Instant triggered = incident.getTriggeredAt();
      LinkReason reason =
          references.pullRequests(incident).contains(prKey)
              ? LinkReason.EXPLICIT_REFERENCE
              : !triggered.isBefore(mergedAt) && !triggered.isAfter(windowEnd)
                  ? LinkReason.SERVICE_RECENT_MERGE
                  : null;
      if (reason != null) {
        IncidentLink link =
            IncidentLinks.link(
                incident, pr.getRepository(), pr.getNumber(), pr, reason, peersOf(incident));
        if (pairs.claim(link)) {
          links.add(link);
        }
      }
    }
    return links;
  }

  /**
   * The pull requests merged into the incident's service within the retention before its trigger.
   */
  private List<PrAttribution> peersOf(IncidentEvent incident) {
    Instant triggered = incident.getTriggeredAt();
    return merged.mergedBetween(
        incident.getService(), triggered.minus(settings.retention()), triggered);
  }
}
