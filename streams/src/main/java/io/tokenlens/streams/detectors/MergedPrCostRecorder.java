package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.streams.attribution.PrAttributions;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Counts the final AI cost of every merged pull request in the organisation's {@link CostQuantiles}
 * ({@link #QUANTILES_STORE}), and remembers its author, team, counted cost and tokens and when
 * (wall clock) that cost last changed at its merge time ({@link #AUTHORS_STORE}, as long as an
 * incident may still follow). A later final version of the same merge (requests of its branch
 * processed after the merge) replaces the pull request's cost in the estimate instead of counting
 * it again. Emits nothing.
 */
public final class MergedPrCostRecorder implements Processor<String, PrAttribution, Void, Void> {

  public static final String NAME = "detect-record-merged-pr-cost";
  public static final String QUANTILES_STORE =
      "detect-incident-after-ai-heavy-pr-cost-quantiles-store";
  public static final String AUTHORS_STORE = "detect-incident-after-ai-heavy-pr-authors-store";

  private ProcessorContext<Void, Void> context;
  private CostQuantiles quantiles;
  private WindowStore<String, String> authors;

  /** What is remembered of a merged pull request. */
  record MergedPr(
      String engineerId, String team, double costUsd, long changedAtWallClock, long tokens) {

    String encode() {
      return (engineerId == null ? "" : engineerId)
          + "\n"
          + (team == null ? "" : team)
          + "\n"
          + costUsd
          + "\n"
          + changedAtWallClock
          + "\n"
          + tokens;
    }

    /** Decodes {@link #encode()}; a value written before tokens were remembered has none (0). */
    static MergedPr decode(String value) {
      String[] parts = value.split("\n", -1);
      return new MergedPr(
          parts[0].isEmpty() ? null : parts[0],
          parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null,
          parts.length > 2 ? Double.parseDouble(parts[2]) : 0,
          parts.length > 3 ? Long.parseLong(parts[3]) : 0,
          parts.length > 4 ? Long.parseLong(parts[4]) : 0);
    }
  }

  /** The merged pull request {@code pr} (owner/name#number) merged at {@code mergedAt}, or null. */
  static MergedPr find(WindowStore<String, String> authors, String pr, long mergedAt) {
    try (WindowStoreIterator<String> it = authors.fetch(pr, mergedAt, mergedAt)) {
      return it.hasNext() ? MergedPr.decode(it.next().value) : null;
    }
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    quantiles = new CostQuantiles(context.getStateStore(QUANTILES_STORE));
    authors = context.getStateStore(AUTHORS_STORE);
  }

  @Override
  public void process(Record<String, PrAttribution> record) {
    PrAttribution pr = record.value();
    if (!pr.getFinalized() || !pr.getMerged() || pr.getMergedAt() == null) {
      return;
    }
    String key = pr.getRepository() + "#" + pr.getNumber();
    long mergedAt = pr.getMergedAt().toEpochMilli();
    MergedPr before = find(authors, key, mergedAt);
    if (before != null) {
      if (pr.getCostUsd() <= before.costUsd()) {
        return; // redelivered, or an older version: attributed cost only grows
      }
      quantiles.remove(before.costUsd());
    }
    quantiles.add(pr.getCostUsd());
    authors.put(
        key,
        new MergedPr(
                pr.getAuthorEngineerId(),
                pr.getTeam(),
                pr.getCostUsd(),
                context.currentSystemTimeMs(),
                PrAttributions.tokens(pr))
            .encode(),
        mergedAt);
  }
}
