package io.tokenlens.streams.attribution;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.CommitBuffer;
import io.tokenlens.streams.state.CommitForwarder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The start of the PR attribution, in the task that enriches the requests (keyed by session): sums
 * the requests with a repository per repository, engineer, session, branch and minute of event
 * time, and forwards one {@link PrUsagePart} per such key, keyed by repository, when the task
 * commits. The repartition by repository then carries one record per key and commit instead of one
 * per request.
 *
 * <p>Exactly-once: the sums live in a {@link CommitBuffer}, in memory, and are forwarded in the
 * commit of the task that built them, with the offsets of the requests summed. A commit that does
 * not complete rewinds those requests and they are summed again; nothing is kept between commits
 * that would need a changelog. A part's record carries its first event time, so the attribution
 * orders it against pull-request events as it did its first request, and the parts of a commit go
 * out in that order.
 */
public final class PrUsageSums implements Processor<String, TokenUsage, String, PrUsagePart> {

  /** The buffer of the sums since the last commit (in memory, no changelog). */
  public static final String STORE = "pr-usage-sums-buffer";

  private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
  private static final Comparator<PrUsagePart> BY_FIRST_REQUEST =
      Comparator.comparing(p -> p.sums().first);

  /** What the requests are summed under. */
  private record Key(
      String repository, String engineerId, String session, String branch, long minute) {}

  private CommitBuffer<Key, PrUsagePart> sums;
  private CommitForwarder<String, PrUsagePart> forwarder;

  /** The store of the sums. */
  public static StoreBuilder<?> storeBuilder() {
    return CommitBuffer.storeBuilder(STORE);
  }

  @Override
  public void init(ProcessorContext<String, PrUsagePart> context) {
    forwarder = new CommitForwarder<>(context);
    sums = context.getStateStore(STORE);
    sums.onCommit(this::forward);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getRepository() == null) {
      return;
    }
    long minute = Math.floorDiv(usage.getOccurredAt().toEpochMilli(), MINUTE_MS);
    Key key =
        new Key(
            usage.getRepository(),
            usage.getEngineerId(),
            usage.getSessionId(),
            usage.getBranch(),
            minute);
    sums.computeIfAbsent(key, k -> PrUsagePart.empty(usage)).sums().add(usage);
  }

  private void forward(Collection<PrUsagePart> parts) {
    List<PrUsagePart> inOrder = new ArrayList<>(parts);
    inOrder.sort(BY_FIRST_REQUEST);
    for (PrUsagePart part : inOrder) {
      forwarder.forward(new Record<>(part.repository(), part, part.sums().first.toEpochMilli()));
    }
  }
}
