package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.IncidentAfterAiHeavyPr;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * INCIDENT_AFTER_AI_HEAVY_PR: an incident linked ({@code incident-links}) to a pull request merged
 * within {@code window} before the incident, whose AI cost is in the organisation's top {@code
 * topFraction} of merged pull requests, estimated by {@link CostQuantiles} over the final cost of
 * every merged pull request (recorded by {@link MergedPrCostRecorder}), once at least {@code
 * minPullRequests} were counted. The subject is {@code <incident provider>:<incident
 * id>:<owner/name>#<number>}; the engineer is the pull request's author. The tokens and the wasted
 * estimate are the pull request's attributed AI tokens and cost: the latest recorded, else the
 * link's (a link is made when the incident arrives, often before the pull request's requests were
 * attributed).
 *
 * <p>Not decided on arrival: the pull request's final cost may still grow (its branch's requests
 * processed after the merge) and the organisation may not have {@code minPullRequests} merges
 * counted yet. Each link waits in {@link #PENDING_STORE} and a wall-clock punctuation decides it
 * once neither the link nor its pull request's cost changed for {@code settle}: with the pull
 * request's latest recorded cost (else the link's), against the estimate then. A link that is
 * settled but arrived before {@code minPullRequests} merges were counted, or whose pull request is
 * not in the top fraction, keeps waiting and is decided again at each punctuation, up to {@code
 * remember} after its arrival: the pull request's cost still grows when its branch's requests are
 * processed long after the merge (a collector's late batch, a replay of recorded days), and the
 * ranking moves as merges are counted.
 */
public final class IncidentAfterAiHeavyPrDetector
    implements Processor<String, IncidentLink, String, WasteFinding> {

  public static final String NAME = "detect-incident-after-ai-heavy-pr";
  public static final String REPORTED_STORE = "detect-incident-after-ai-heavy-pr-reported-store";
  public static final String PENDING_STORE = "detect-incident-after-ai-heavy-pr-pending-store";

  private final IncidentAfterAiHeavyPr settings;
  private ProcessorContext<String, WasteFinding> context;
  private CostQuantiles quantiles;
  private WindowStore<String, String> authors;
  private WindowStore<String, Long> reported;
  private KeyValueStore<String, WasteFinding> pending;

  public IncidentAfterAiHeavyPrDetector(IncidentAfterAiHeavyPr settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    quantiles = new CostQuantiles(context.getStateStore(MergedPrCostRecorder.QUANTILES_STORE));
    authors = context.getStateStore(MergedPrCostRecorder.AUTHORS_STORE);
    reported = context.getStateStore(REPORTED_STORE);
    pending = context.getStateStore(PENDING_STORE);
    long every = Math.max(1_000, Math.min(10_000, settings.settle().toMillis() / 4));
    context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::decide);
  }

  @Override
  public void process(Record<String, IncidentLink> record) {
    IncidentLink link = record.value();
    if (link.getMergedAt() == null) {
      return;
    }
    long merged = link.getMergedAt().toEpochMilli();
    long triggered = link.getIncidentTriggeredAt().toEpochMilli();
    if (triggered < merged || triggered - merged > settings.window().toMillis()) {
      return;
    }
    String pr = link.getRepository() + "#" + link.getNumber();
    String subject = link.getIncidentProvider() + ":" + link.getIncidentId() + ":" + pr;
    String findingId = Findings.findingId(WastePattern.INCIDENT_AFTER_AI_HEAVY_PR, subject, merged);
    if (wasReported(findingId, merged) || pending.get(findingId) != null) {
      return;
    }
    pending.put(
        findingId,
        Findings.builder(
                WastePattern.INCIDENT_AFTER_AI_HEAVY_PR,
                subject,
                merged,
                triggered,
                context.currentSystemTimeMs()) // arrival, while pending
            .setRepository(link.getRepository())
            .setPullRequestNumber(link.getNumber())
            .setService(link.getService())
            .setTokens(link.getPrTokens())
            .setEstimatedWastedCostUsd(link.getPrCostUsd())
            .setSummary(link.getIncidentId())
            .build());
  }

  /**
   * Decides every pending link that, with its pull request's cost, has not changed for the settle
   * time.
   */
  private void decide(long wallClock) {
    long settle = settings.settle().toMillis();
    List<KeyValue<String, WasteFinding>> due = new ArrayList<>();
    try (KeyValueIterator<String, WasteFinding> it = pending.all()) {
      it.forEachRemaining(
          kv -> {
            if (kv.value.getDetectedAt().toEpochMilli() + settle <= wallClock) {
              due.add(kv);
            }
          });
    }
    long prs = quantiles.count();
    double threshold = quantiles.quantile(1 - settings.topFraction());
    for (KeyValue<String, WasteFinding> entry : due) {
      WasteFinding link = entry.value;
      long merged = link.getWindowStart().toEpochMilli();
      String pr = link.getRepository() + "#" + link.getPullRequestNumber();
      MergedPrCostRecorder.MergedPr recorded = MergedPrCostRecorder.find(authors, pr, merged);
      boolean arrivedLongAgo =
          link.getDetectedAt().toEpochMilli() + settings.remember().toMillis() <= wallClock;
      if (!arrivedLongAgo
          && (prs < settings.minPullRequests()
              || recorded != null && recorded.changedAtWallClock() + settle > wallClock)) {
        continue; // the ranking or the pull request's cost is not settled yet
      }
      double cost =
          Math.max(link.getEstimatedWastedCostUsd(), recorded == null ? 0 : recorded.costUsd());
      if (prs < settings.minPullRequests() || cost < threshold || cost <= 0) {
        if (arrivedLongAgo) {
          pending.delete(entry.key);
        }
        continue; // not heavy (yet): its cost grows while its requests are processed after the
        // merge
      }
      pending.delete(entry.key);
      reported.put(entry.key, link.getWindowEnd().toEpochMilli(), merged);
      emit(link, recorded, cost, threshold, prs, wallClock);
    }
  }

  private void emit(
      WasteFinding link,
      MergedPrCostRecorder.MergedPr author,
      double cost,
      double threshold,
      long prs,
      long wallClock) {
    long merged = link.getWindowStart().toEpochMilli();
    double hours = (link.getWindowEnd().toEpochMilli() - merged) / 3_600_000.0;
    String pr = link.getRepository() + "#" + link.getPullRequestNumber();
    Map<String, Double> evidence = new HashMap<>();
    evidence.put("hoursSinceMerge", hours);
    evidence.put("prCostUsd", cost);
    evidence.put("topDecileFromUsd", threshold);
    evidence.put("mergedPullRequests", (double) prs);
    link.setEngineerId(author == null ? null : author.engineerId());
    link.setTeam(author == null ? null : author.team());
    link.setEstimatedWastedCostUsd(cost);
    link.setTokens(Math.max(link.getTokens(), author == null ? 0 : author.tokens()));
    link.setEvidence(evidence);
    link.setDetectedAt(Instant.ofEpochMilli(wallClock));
    link.setSummary(
        "Incident "
            + link.getSummary()
            + " on "
            + link.getService()
            + " followed, "
            + Math.round(hours)
            + " h after its merge, pull request "
            + pr
            + " whose AI cost is in the top "
            + Math.round(settings.topFraction() * 100)
            + "% of merged pull requests.");
    Findings.emit(context, link);
  }

  private boolean wasReported(String findingId, long merged) {
    try (WindowStoreIterator<Long> it = reported.fetch(findingId, merged, merged)) {
      return it.hasNext();
    }
  }
}
