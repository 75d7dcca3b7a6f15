package io.tokenlens.streams.detectors;

import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds and emits {@link WasteFinding}s. The finding id is {@code <PATTERN>:<subject>@<window
 * start millis>}: the same occurrence always gets the same id (the sink keeps the highest version
 * per id). A detector emits it as version 1 when the occurrence reaches its threshold and again,
 * with a higher version and the whole occurrence's evidence, as it grows: the wasted cost is the
 * occurrence's, not the threshold's.
 */
public final class Findings {

  private Findings() {}

  /**
   * The deterministic id of the occurrence of {@code pattern} for {@code subject} starting at
   * {@code start}.
   */
  public static String findingId(WastePattern pattern, String subject, long start) {
    return pattern.name() + ":" + subject + "@" + start;
  }

  /**
   * A version-1 finding of {@code pattern} for {@code subject} over [{@code start}, {@code end}],
   * to complete.
   */
  public static WasteFinding.Builder builder(
      WastePattern pattern, String subject, long start, long end, long detectedAt) {
    return WasteFinding.newBuilder()
        .setFindingId(findingId(pattern, subject, start))
        .setPattern(pattern)
        .setVersion(1)
        .setDetectedAt(Instant.ofEpochMilli(detectedAt))
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(end))
        .setSummary("");
  }

  /**
   * A finding for the occurrence {@code burst} of {@code pattern} in the requests of {@code
   * usage}'s engineer and session, with the tokens and cost the detector estimates as wasted.
   */
  public static WasteFinding of(
      WastePattern pattern,
      String subject,
      Burst burst,
      TokenUsage usage,
      long tokens,
      double wastedCostUsd,
      Map<String, Double> evidence,
      String summary,
      long detectedAt) {
    return of(
        pattern,
        subject,
        burst,
        usage.getEngineerId(),
        usage.getTeam(),
        usage.getSessionId(),
        usage.getRepository(),
        tokens,
        wastedCostUsd,
        evidence,
        summary,
        detectedAt);
  }

  /**
   * As {@link #of(WastePattern, String, Burst, TokenUsage, long, double, Map, String, long)}, with
   * its fields.
   */
  public static WasteFinding of(
      WastePattern pattern,
      String subject,
      Burst burst,
      String engineerId,
      String team,
      String sessionId,
      String repository,
      long tokens,
      double wastedCostUsd,
      Map<String, Double> evidence,
      String summary,
      long detectedAt) {
    return builder(pattern, subject, burst.start(), burst.end(), detectedAt)
        .setVersion(burst.version())
        .setEngineerId(engineerId)
        .setTeam(team)
        .setSessionId(sessionId)
        .setRepository(repository)
        .setTokens(tokens)
        .setEstimatedWastedCostUsd(wastedCostUsd)
        .setEvidence(Map.copyOf(evidence))
        .setSummary(summary)
        .build();
  }

  /** Forwards {@code finding} keyed by its id, at the end of its evidence window. */
  public static void emit(ProcessorContext<String, WasteFinding> context, WasteFinding finding) {
    context.forward(
        new Record<>(finding.getFindingId(), finding, finding.getWindowEnd().toEpochMilli()));
  }
}
