package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.PrAttribution;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Counts the final AI cost of every merged pull request in the organisation's {@link CostQuantiles}
 * ({@link #QUANTILES_STORE}), and remembers its author and team at its merge time ({@link #AUTHORS_STORE}, as long
 * as an incident may still follow). Emits nothing.
 */
public final class MergedPrCostRecorder implements Processor<String, PrAttribution, Void, Void> {

  public static final String NAME = "detect-record-merged-pr-cost";
  public static final String QUANTILES_STORE = "detect-incident-after-ai-heavy-pr-cost-quantiles-store";
  public static final String AUTHORS_STORE = "detect-incident-after-ai-heavy-pr-authors-store";

  private CostQuantiles quantiles;
  private WindowStore<String, String> authors;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    quantiles = new CostQuantiles(context.getStateStore(QUANTILES_STORE));
    authors = context.getStateStore(AUTHORS_STORE);
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    PrAttribution pr = record.value();
    if (!pr.getFinalized() || !pr.getMerged() || pr.getMergedAt() == null) {
      return;
    }
    quantiles.add(pr.getCostUsd());
    authors.put(pr.getRepository() + "#" + pr.getNumber(),
        (pr.getAuthorEngineerId() == null ? "" : pr.getAuthorEngineerId()) + "\n"
            + (pr.getTeam() == null ? "" : pr.getTeam()), pr.getMergedAt().toEpochMilli());
  }
}
