package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.LinkReason;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.topics.RecordKeys;
import io.tokenlens.streams.attribution.PrAttributions;
import java.time.Duration;
import java.util.List;

/**
 * The pure construction of {@link IncidentLink}s: ids, the time since the merge, the cost
 * percentile.
 */
final class IncidentLinks {

  /** Fewest merged pull requests of the service for a cost percentile to mean anything. */
  static final int MIN_PEERS_FOR_PERCENTILE = 10;

  static final double AI_HEAVY_PERCENTILE = 90.0;

  private IncidentLinks() {}

  /**
   * {@code <PROVIDER>:<incidentId>|<owner/name>#<number>}: stable across the incident's status
   * updates.
   */
  static String linkId(IncidentEvent incident, String prKey) {
    return incident.getProvider().name() + ":" + incident.getIncidentId() + "|" + prKey;
  }

  /**
   * The percentile (0-100) of {@code cost} among the costs of {@code peers} (the share of peers
   * costing at most as much), or null with fewer than {@value #MIN_PEERS_FOR_PERCENTILE} peers.
   */
  static Double percentile(double cost, List<PrAttribution> peers) {
    if (peers.size() < MIN_PEERS_FOR_PERCENTILE) {
      return null;
    }
    long atMost = peers.stream().filter(p -> p.getCostUsd() <= cost).count();
    return 100.0 * atMost / peers.size();
  }

  /**
   * A link to a pull request whose attribution is known ({@code pr}), or only referenced ({@code
   * pr} null).
   */
  static IncidentLink link(
      IncidentEvent incident,
      String repository,
      long number,
      PrAttribution pr,
      LinkReason reason,
      List<PrAttribution> peers) {
    IncidentLink.Builder b =
        IncidentLink.newBuilder()
            .setLinkId(linkId(incident, RecordKeys.pullRequest(repository, number)))
            .setLinkedAt(incident.getOccurredAt())
            .setIncidentProvider(incident.getProvider())
            .setIncidentId(incident.getIncidentId())
            .setService(incident.getService())
            .setIncidentTriggeredAt(incident.getTriggeredAt())
            .setRepository(repository)
            .setNumber(number)
            .setReason(reason);
    if (pr != null) {
      Double percentile = percentile(pr.getCostUsd(), peers);
      b.setMergedAt(pr.getMergedAt())
          .setHoursSinceMerge(
              Duration.between(pr.getMergedAt(), incident.getTriggeredAt()).toMillis()
                  / 3_600_000.0)
          .setPrCostUsd(pr.getCostUsd())
          .setPrTokens(PrAttributions.tokens(pr))
          .setPrCostPercentile(percentile)
          .setAiHeavy(percentile != null && percentile >= AI_HEAVY_PERCENTILE);
    }
    return b.build();
  }
}
