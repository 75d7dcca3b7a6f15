package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.RecordKeys;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The usage side of the usage ↔ pull-request join, on requests re-keyed by repository: a request on the branch of
 * an open pull request of its repository is attributed to it at once (exact match) and the new attribution is
 * emitted. A request of the branch of a pull request merged or closed within the attribution window after the
 * request (its event processed after the close: the usage path has more hops than {@code pr-events}, and a collector
 * may deliver late) is attributed to that pull request, whose final attribution is emitted again with it (still
 * {@code finalized}, a higher version). Any other request of a known engineer is kept for the attribution window,
 * for the engineer's next pull-request activity in that repository.
 */
public final class PrUsageProcessor implements Processor<String, TokenUsage, String, PrAttribution> {

  private final long window;
  private final Duration emitInterval;
  private ProcessorContext<String, PrAttribution> context;
  private PrStores stores;
  private PendingAttributions emitter;

  /** Attributes requests within {@code window}; emits as {@link PendingAttributions} does at {@code emitInterval}. */
  public PrUsageProcessor(Duration window, Duration emitInterval) {
    this.window = window.toMillis();
    this.emitInterval = emitInterval;
  }

  @Override
  public void init(ProcessorContext<String, PrAttribution> context) {
    this.context = context;
    this.stores = new PrStores(context);
    this.emitter = new PendingAttributions(context, emitInterval);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    Long number = stores.openPullRequest(usage.getRepository(), usage.getBranch());
    if (number != null) {
      String prKey = RecordKeys.pullRequest(usage.getRepository(), number);
      PrAttribution current = stores.attribution(prKey);
      if (current != null) {
        PrAttribution next = PrAttributions.withUsage(current, usage, true,
            stores.addMember(prKey, "s", usage.getSessionId()), stores.addMember(prKey, "e", usage.getEngineerId()),
            usage.getOccurredAt());
        stores.save(next);
        emitter.emit(prKey, next, record.timestamp());
        return;
      }
    }
    PrStores.Closed closed = stores.closedPullRequest(usage.getRepository(), usage.getBranch(),
        usage.getOccurredAt().toEpochMilli(), window);
    if (closed != null) {
      PrAttribution last = closed.attribution();
      String prKey = RecordKeys.prAttribution(last);
      PrAttribution next = PrAttributions.withUsage(last, usage, true,
          stores.addClosedMember(prKey, "s", usage.getSessionId(), closed.at()),
          stores.addClosedMember(prKey, "e", usage.getEngineerId(), closed.at()), usage.getOccurredAt());
      stores.saveClosed(next, closed.at());
      emitter.emit(prKey, next, record.timestamp());
      return;
    }
    if (usage.getEngineerId() != null) {
      stores.keepUnmatched(usage);
    }
  }
}
