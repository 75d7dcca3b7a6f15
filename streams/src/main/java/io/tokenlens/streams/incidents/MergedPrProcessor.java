package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.PrAttribution;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Keeps each merged pull request's final attribution (re-keyed by service) for the incidents of its service. */
public final class MergedPrProcessor implements Processor<String, PrAttribution, Void, Void> {

  private final String storeName;
  private MergedPrs merged;

  public MergedPrProcessor(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    merged = new MergedPrs(context, storeName);
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    merged.remember(record.value());
  }

  /** Whether an attribution is the final version of a merged pull request of a known service. */
  public static boolean isFinalMerge(PrAttribution attribution) {
    return attribution != null && attribution.getFinalized() && attribution.getMerged()
        && attribution.getMergedAt() != null && attribution.getService() != null
        && !attribution.getService().isBlank();
  }
}
