package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.streams.config.IncidentLinkSettings;
import java.util.List;

/**
 * The merged-pull-request side of the incident ↔ pull-request join, on the final attributions
 * re-keyed by service: keeps each merged pull request's latest final attribution for the incidents
 * of its service, and links it to the incidents already seen (see {@link IncidentLinkProcessor}).
 * The path from {@code pr-events} to here is longer than the incidents' (the attribution task,
 * which also waits on the usage repartition, then {@code pr-attribution}, then a repartition), so
 * in a replay or when a collector lags the merge often arrives after the incident it precedes.
 * Later final versions (requests attributed after the merge) update the stored cost but link
 * nothing again.
 */
public final class MergedPrProcessor extends JoinSideProcessor<PrAttribution> {

  public MergedPrProcessor(IncidentLinkSettings settings, IncidentLinkStores stores) {
    super(settings, stores);
  }

  @Override
  List<IncidentLink> links(IncidentLinker linker, PrAttribution attribution) {
    return isFinalMerge(attribution) ? linker.mergedPr(attribution) : List.of();
  }

  /**
   * A link made when the merge arrives after its incident is stamped no earlier than it was linked.
   */
  @Override
  long linkTime(long recordTime, IncidentLink link) {
    return Math.max(recordTime, link.getLinkedAt().toEpochMilli());
  }

  /** Whether an attribution is the final version of a merged pull request of a known service. */
  public static boolean isFinalMerge(PrAttribution attribution) {
    return attribution != null
        && attribution.getFinalized()
        && attribution.getMerged()
        && attribution.getMergedAt() != null
        && attribution.getService() != null
        && !attribution.getService().isBlank();
  }
}
