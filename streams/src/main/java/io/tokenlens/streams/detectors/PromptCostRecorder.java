package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.TimeLog;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Records the tokens and cost of each request serving a prompt under {@code <owner>\n<prompt id>}
 * in a cost store, the owner being the engineer ({@link #STORE}, what {@link
 * DuplicateGenerationDetector} prices a repeated prompt with) or the session ({@link
 * DiscardedOutputDetector#COST_STORE}). Announces each recorded request downstream as its store key
 * with no value, at the request's event time: merged into the user prompts, it tells {@link
 * DuplicateGenerationDetector} which prompt's request was just recorded and how far the requests
 * have come in event time (the session recorder's announcements go nowhere).
 */
public final class PromptCostRecorder
    implements Processor<String, TokenUsage, String, AgentActivity> {

  public static final String NAME = "detect-record-prompt-cost";
  public static final String STORE = "detect-duplicate-generation-prompt-cost-log";

  private final String store;
  private final Function<TokenUsage, String> owner;
  private ProcessorContext<String, AgentActivity> context;
  private TimeLog<Sample> costs;

  public PromptCostRecorder(String store, Function<TokenUsage, String> owner) {
    this.store = store;
    this.owner = owner;
  }

  /** The store key of the requests serving {@code promptId} of {@code owner}. */
  static String key(String owner, String promptId) {
    return owner + "\n" + promptId;
  }

  /**
   * Tokens and cost of the requests of {@code owner} serving {@code promptId} between {@code from}
   * and {@code to}.
   */
  static Sample spent(TimeLog<Sample> costs, String owner, String promptId, long from, long to) {
    long input = 0;
    long output = 0;
    double cost = 0;
    try (WindowStoreIterator<Sample> it = costs.fetch(key(owner, promptId), from, to)) {
      while (it.hasNext()) {
        Sample s = it.next().value;
        input += s.inputTokens();
        output += s.outputTokens();
        cost += s.costUsd();
      }
    }
    return new Sample(input, output, cost);
  }

  @Override
  public void init(ProcessorContext<String, AgentActivity> context) {
    this.context = context;
    costs = TimeLog.of(context.getStateStore(store), new SampleSerde());
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getPromptId() == null) {
      return;
    }
    String by = owner.apply(usage);
    if (by != null) {
      String key = key(by, usage.getPromptId());
      long time = usage.getOccurredAt().toEpochMilli();
      costs.put(key, Sample.of(usage), time);
      context.forward(new Record<String, AgentActivity>(key, null, time));
    }
  }
}
