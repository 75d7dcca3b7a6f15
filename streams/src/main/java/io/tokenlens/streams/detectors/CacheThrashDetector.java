package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.RequestStatus;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.CacheThrash;
import io.tokenlens.streams.enrichment.PriceBook;
import io.tokenlens.streams.enrichment.StorePriceBook;
import io.tokenlens.streams.state.TimeLog;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * CACHE_THRASH: at least {@code rewrites.count} cache rewrites within {@code rewrites.window} in
 * one session, a rewrite being a request writing at least {@code minWriteTokens} to the prompt
 * cache after the session was idle for longer than the cache lifetime (its previous request is
 * older than {@code cacheTtl}, but within the window: a session's first request fills the cache
 * legitimately). The subject is the session; the wasted estimate is what the rewritten tokens cost
 * as cache writes beyond what they would have cost as cache reads, at the model's price at the
 * time.
 */
public final class CacheThrashDetector extends BurstDetector<TokenUsage> {

  public static final String NAME = "detect-cache-thrash";
  public static final String REQUESTS_STORE = "detect-cache-thrash-requests-log";
  public static final String EVENTS_STORE = "detect-cache-thrash-rewrites-log";
  public static final String OCCURRENCES_STORE = "detect-cache-thrash-occurrences-store";
  public static final String PENDING_STORE = "detect-cache-thrash-due-store";
  private static final double MILLION = 1_000_000.0;

  private final CacheThrash settings;
  private final String pricesStore;
  private final long grace;

  /**
   * Wall-clock time a decision due on stream time waits after it was scheduled ({@link
   * PendingDecisions}).
   */
  private final long settle;

  private TimeLog<Sample> requests;
  private PriceBook prices;
  private PendingDecisions<PendingRequest> pending;

  public CacheThrashDetector(
      CacheThrash settings, String pricesStore, Duration grace, Duration settle) {
    super(settings.rewrites(), EVENTS_STORE, OCCURRENCES_STORE);
    this.settings = settings;
    this.pricesStore = pricesStore;
    this.grace = grace.toMillis();
    this.settle = settle.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    super.init(context);
    requests = TimeLog.of(context.getStateStore(REQUESTS_STORE), new SampleSerde());
    prices = new StorePriceBook(context.getStateStore(pricesStore));
    pending = new PendingDecisions<>(context.getStateStore(PENDING_STORE), grace, settle);
    pending.punctuate(context, this::decide);
  }

  @Override
  public void process(Record<String, TokenUsage> record) {
    TokenUsage usage = record.value();
    if (usage.getSessionId() != null && usage.getStatus() != RequestStatus.ERROR) {
      String session = usage.getSessionId();
      long time = usage.getOccurredAt().toEpochMilli();
      requests.put(session, Sample.of(usage), time);
      if (usage.getCacheWriteTokens() >= settings.minWriteTokens()) {
        pending.schedule(
            session,
            time,
            context.currentSystemTimeMs(),
            PendingRequest.of(usage)
                .with(new Sample(usage.getCacheWriteTokens(), 0, excessCost(usage))));
      }
    }
    pending.decideDue(context, this::decide);
  }

  /**
   * Decides on the large cache write {@code request} of {@code session} with the requests known
   * now: it is a rewrite if the session's previous request is older than the cache lifetime (but
   * within the window).
   */
  private void decide(String session, PendingRequest request) {
    long time = request.time();
    long previous = previousRequest(session, time);
    if (previous == Long.MIN_VALUE || time - previous <= settings.cacheTtl().toMillis()) {
      return;
    }
    bursts
        .add(session, time, request.sample())
        .ifPresent(
            burst ->
                Findings.emit(
                    context,
                    Findings.of(
                        WastePattern.CACHE_THRASH,
                        session,
                        burst,
                        request.engineerId(),
                        request.team(),
                        session,
                        request.repository(),
                        burst.tokens(),
                        burst.costUsd(),
                        Map.of(
                            "rewrites",
                            (double) burst.count(),
                            "cacheWriteTokens",
                            (double) burst.tokens(),
                            "cacheTtlMs",
                            (double) settings.cacheTtl().toMillis()),
                        burst.count()
                            + " large cache writes in the session, each after an idle gap longer than the cache lifetime.",
                        context.currentSystemTimeMs())));
  }

  /**
   * Event time of the session's latest request before {@code time} within the window, or {@link
   * Long#MIN_VALUE}.
   */
  private long previousRequest(String session, long time) {
    long latest = Long.MIN_VALUE;
    try (WindowStoreIterator<Sample> it =
        requests.fetch(session, time - threshold.window().toMillis(), time - 1)) {
      while (it.hasNext()) {
        latest = it.next().key;
      }
    }
    return latest;
  }

  /**
   * The cache-write tokens at the write price minus the same tokens at the read price; 0 if
   * unpriced.
   */
  private double excessCost(TokenUsage usage) {
    return prices
        .priceAt(usage.getProvider(), usage.getModel(), usage.getOccurredAt())
        .map(
            (ModelPrice p) ->
                usage.getCacheWriteTokens()
                    * (p.getCacheWriteUsdPerMillion() - p.getCacheReadUsdPerMillion())
                    / MILLION)
        .orElse(0.0);
  }
}
