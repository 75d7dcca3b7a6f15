package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.TokenUsage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Records the tokens and cost of each request of a resolved engineer under {@code <engineer>\n<prompt id>} in
 * {@link #STORE}: what {@link DuplicateGenerationDetector} prices a repeated prompt with. Emits nothing.
 */
public final class PromptCostRecorder implements Processor<String, TokenUsage, Void, Void> {

  public static final String NAME = "detect-record-prompt-cost";
  public static final String STORE = "detect-duplicate-generation-prompt-cost-store";

  private WindowStore<String, Sample> costs;

  /** The store key of the requests serving {@code promptId} of {@code engineerId}. */
  static String key(String engineerId, String promptId) {
    return engineerId + "\n" + promptId;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    costs = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getPromptId() == null) {
      return;
    }
    costs.put(key(usage.getEngineerId(), usage.getPromptId()), Sample.of(usage), usage.getOccurredAt().toEpochMilli());
  }
}
