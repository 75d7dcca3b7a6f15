package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.RecordKeys;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The usage side of the usage ↔ pull-request join, on the requests summed per session and commit
 * ({@link PrUsagePart}) and re-keyed by repository; a part is taken whole wherever a request was
 * taken. A part on the branch of an open pull request of its repository is attributed to it at once
 * (exact match) and the new attribution is emitted. A part of the branch of a pull request merged
 * or closed within the attribution window after the part's first request (its event processed after
 * the close: the usage path has more hops than {@code pr-events}, and a collector may deliver late)
 * is attributed to that pull request, whose final attribution is emitted again with it (still
 * {@code finalized}, a higher version). Any other part of a known engineer is added to the
 * engineer's unmatched sums in that repository for the attribution window, for the engineer's next
 * pull-request activity there.
 */
public final class PrUsageProcessor
    implements Processor<String, PrUsagePart, String, PrAttribution> {

  private final long window;
  private final Duration emitInterval;
  private ProcessorContext<String, PrAttribution> context;
  private PrStores stores;
  private PendingAttributions emitter;

  /**
   * Attributes requests within {@code window}; emits as {@link PendingAttributions} does at {@code
   * emitInterval}.
   */
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
  public void process(Record<String, PrUsagePart> record) {
    PrUsagePart usage = record.value();
    UnmatchedUsage.Part part = usage.sums();
    Long number = stores.openPullRequest(usage.repository(), part.branch);
    if (number != null) {
      String prKey = RecordKeys.pullRequest(usage.repository(), number);
      PrAttribution current = stores.attribution(prKey);
      if (current != null) {
        PrAttribution next =
            PrAttributions.withUsage(
                current,
                part,
                usage.engineerId(),
                true,
                stores.addMember(prKey, "s", part.session),
                stores.addMember(prKey, "e", usage.engineerId()),
                part.last);
        stores.save(next);
        emitter.emit(prKey, next, record.timestamp());
        return;
      }
    }
    PrStores.Closed closed =
        stores.closedPullRequest(
            usage.repository(), part.branch, part.first.toEpochMilli(), window);
    if (closed != null) {
      PrAttribution last = closed.attribution();
      String prKey = RecordKeys.prAttribution(last);
      PrAttribution next =
          PrAttributions.withUsage(
              last,
              part,
              usage.engineerId(),
              true,
              stores.addClosedMember(prKey, "s", part.session, closed.at()),
              stores.addClosedMember(prKey, "e", usage.engineerId(), closed.at()),
              part.last);
      stores.saveClosed(next, closed.at());
      emitter.emit(prKey, next, record.timestamp());
      return;
    }
    if (usage.engineerId() != null) {
      stores.keepUnmatched(usage);
    }
  }
}
