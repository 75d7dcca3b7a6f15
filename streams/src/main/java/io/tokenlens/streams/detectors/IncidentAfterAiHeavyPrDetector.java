package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.streams.config.DetectorConfig.IncidentAfterAiHeavyPr;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * INCIDENT_AFTER_AI_HEAVY_PR: an incident linked ({@code incident-links}) to a pull request merged within
 * {@code window} before the incident, whose AI cost is in the organisation's top {@code topFraction} of merged pull
 * requests, estimated by {@link CostQuantiles} over the final cost of every merged pull request (recorded by
 * {@link MergedPrCostRecorder}), once at least {@code minPullRequests} were counted. The subject is
 * {@code <incident provider>:<incident id>:<owner/name>#<number>}; the engineer is the pull request's author. The
 * wasted estimate is the pull request's AI cost.
 */
public final class IncidentAfterAiHeavyPrDetector implements Processor<String, IncidentLink, String, WasteFinding> {

  public static final String NAME = "detect-incident-after-ai-heavy-pr";
  public static final String REPORTED_STORE = "detect-incident-after-ai-heavy-pr-reported-store";

  private final IncidentAfterAiHeavyPr settings;
  private ProcessorContext<String, WasteFinding> context;
  private CostQuantiles quantiles;
  private WindowStore<String, String> authors;
  private WindowStore<String, Long> reported;

  public IncidentAfterAiHeavyPrDetector(IncidentAfterAiHeavyPr settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, WasteFinding> context) {
    this.context = context;
    quantiles = new CostQuantiles(context.getStateStore(MergedPrCostRecorder.QUANTILES_STORE));
    authors = context.getStateStore(MergedPrCostRecorder.AUTHORS_STORE);
    reported = context.getStateStore(REPORTED_STORE);
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
    long prs = quantiles.count();
    double threshold = quantiles.quantile(1 - settings.topFraction());
    if (prs < settings.minPullRequests() || link.getPrCostUsd() < threshold || link.getPrCostUsd() <= 0) {
      return;
    }
    String pr = link.getRepository() + "#" + link.getNumber();
    String subject = link.getIncidentProvider() + ":" + link.getIncidentId() + ":" + pr;
    String findingId = Findings.findingId(WastePattern.INCIDENT_AFTER_AI_HEAVY_PR, subject, merged);
    try (WindowStoreIterator<Long> it = reported.fetch(findingId, merged, merged)) {
      if (it.hasNext()) {
        return;
      }
    }
    reported.put(findingId, triggered, merged);
    String[] author = author(pr, merged);
    double hours = (triggered - merged) / 3_600_000.0;
    Findings.emit(context, Findings.builder(WastePattern.INCIDENT_AFTER_AI_HEAVY_PR, subject, merged, triggered,
            context.currentSystemTimeMs())
        .setEngineerId(author[0]).setTeam(author[1]).setRepository(link.getRepository())
        .setPullRequestNumber(link.getNumber()).setService(link.getService())
        .setTokens(link.getPrTokens()).setEstimatedWastedCostUsd(link.getPrCostUsd())
        .setEvidence(Map.of("hoursSinceMerge", hours, "prCostUsd", link.getPrCostUsd(),
            "topDecileFromUsd", threshold, "mergedPullRequests", (double) prs))
        .setSummary("Incident " + link.getIncidentId() + " on " + link.getService() + " followed, "
            + Math.round(hours) + " h after its merge, pull request " + pr + " whose AI cost is in the top "
            + Math.round(settings.topFraction() * 100) + "% of merged pull requests.")
        .build());
  }

  /** Author and team of the pull request merged at {@code merged}, as its attribution named them. */
  private String[] author(String pr, long merged) {
    String[] found = {null, null};
    try (WindowStoreIterator<String> it = authors.fetch(pr, merged, merged)) {
      if (it.hasNext()) {
        String[] parts = it.next().value.split("\n", 2);
        found[0] = parts[0].isEmpty() ? null : parts[0];
        found[1] = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
      }
    }
    return found;
  }
}
