package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.TokenUsage;
import java.util.Optional;

/**
 * Fills in what the collectors cannot know: engineer, team and cost centre from the directory, and the cost computed
 * from the price in effect at the request's own time. The reported cost, when the source sent one, is kept next to
 * the computed cost. Unknown identities and unpriced models pass through with those fields left null.
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

  public Enriched enrich(TokenUsage raw) {
    TokenUsage.Builder out = TokenUsage.newBuilder(raw);
    Optional<IdentityResolver.Resolution> resolution = identities.resolve(raw);
    resolution.ifPresentOrElse(r -> {
      out.setEngineerId(r.engineerId());
      out.setTeam(r.engineer() == null ? null : r.engineer().getTeam());
      out.setCostCenter(r.engineer() == null ? null : r.engineer().getCostCenter());
    }, () -> out.setEngineerId(null).setTeam(null).setCostCenter(null));
    Optional<Double> cost = prices.priceAt(raw.getProvider(), raw.getModel(), raw.getOccurredAt())
        .map(price -> CostCalculator.costUsd(raw, price));
    out.setComputedCostUsd(cost.orElse(null));
    return new Enriched(out.build(), resolution.isPresent(), cost.isPresent());
  }
}
