package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.config.IncidentLinkSettings;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The merged-pull-request side of the incident ↔ pull-request join, on the final attributions re-keyed by service:
 * keeps each merged pull request's latest final attribution for the incidents of its service, and links it to the
 * incidents already seen (see {@link IncidentLinkProcessor}). The path from {@code pr-events} to here is longer than
 * the incidents' (the attribution task, which also waits on the usage repartition, then {@code pr-attribution}, then
 * a repartition), so in a replay or when a collector lags the merge often arrives after the incident it precedes.
 * Later final versions (requests attributed after the merge) update the stored cost but link nothing again.
 */
public final class MergedPrProcessor implements Processor<String, PrAttribution, String, IncidentLink> {

  private final IncidentLinkSettings settings;
  private final IncidentLinkStores stores;
  private ProcessorContext<String, IncidentLink> context;
  private IncidentLinker linker;

  public MergedPrProcessor(IncidentLinkSettings settings, IncidentLinkStores stores) {
    this.settings = settings;
    this.stores = stores;
  }

  @Override
  public void init(ProcessorContext<String, IncidentLink> context) {
    this.context = context;
    this.linker = new IncidentLinker(context, settings, stores);
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    if (!isFinalMerge(record.value())) {
      return;
    }
    for (IncidentLink link : linker.mergedPr(record.value())) {
      long at = Math.max(record.timestamp(), link.getLinkedAt().toEpochMilli());
      context.forward(new Record<>(RecordKeys.incidentLink(link), link, at));
    }
  }

  /** Whether an attribution is the final version of a merged pull request of a known service. */
  public static boolean isFinalMerge(PrAttribution attribution) {
    return attribution != null && attribution.getFinalized() && attribution.getMerged()
        && attribution.getMergedAt() != null && attribution.getService() != null
        && !attribution.getService().isBlank();
  }
}
