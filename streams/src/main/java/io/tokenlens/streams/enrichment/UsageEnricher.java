package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.TokenUsage;
import java.util.Optional;

/**
 * Fills in what the collectors cannot know: engineer, team and cost centre from the directory, and
 * the cost computed from the price in effect at the request's own time. The reported cost, when the
 * source sent one, is kept next to the computed cost. Unknown identities and unpriced models pass
 * through with those fields left null.
 */
public final class UsageEnricher {

  /** The enriched usage and what could not be filled in. */
  public record Enriched(TokenUsage usage, boolean identityKnown, boolean priced) {}

  private final IdentityResolver identities;
  private final PriceBook prices;

  public UsageEnricher(DirectoryLookup directory, PriceBook prices) {
    this.identities = new IdentityResolver(directory);
    this.prices = prices;
  }

  /**
   * Enriches {@code usage} in place and returns it: the record read is the job's own copy, and a
   * builder copying its 34 fields for every request cost about 5% of the stream thread.
   */
  public Enriched enrich(TokenUsage usage) {
    Optional<IdentityResolver.Resolution> resolution = identities.resolve(usage);
    resolution.ifPresentOrElse(
        r -> {
          usage.setEngineerId(r.engineerId());
          usage.setTeam(r.engineer() == null ? null : r.engineer().getTeam());
          usage.setCostCenter(r.engineer() == null ? null : r.engineer().getCostCenter());
        },
        () -> {
          usage.setEngineerId(null);
          usage.setTeam(null);
          usage.setCostCenter(null);
        });
    Optional<Double> cost =
        prices
            .priceAt(usage.getProvider(), usage.getModel(), usage.getOccurredAt())
            .map(price -> CostCalculator.costUsd(usage, price));
    usage.setComputedCostUsd(cost.orElse(null));
    return new Enriched(usage, resolution.isPresent(), cost.isPresent());
  }
}
