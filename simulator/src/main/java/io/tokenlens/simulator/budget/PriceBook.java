package io.tokenlens.simulator.budget;

import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.enrichment.CostCalculator;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prices simulated requests as the streams job prices them: the price period of the request's
 * provider and model with the latest start at or before its time ({@link CostCalculator}).
 */
public final class PriceBook {
  private final Map<String, List<ModelPrice>> periods;

  public PriceBook(List<ModelPrice> prices) {
    this.periods =
        prices.stream()
            .sorted(Comparator.comparing(ModelPrice::getEffectiveFrom).reversed())
            .collect(Collectors.groupingBy(p -> p.getProvider() + "/" + p.getModel()));
  }

  /** The price in force for {@code provider}/{@code model} at {@code at}, or null. */
  public ModelPrice at(String provider, String model, Instant at) {
    return periods.getOrDefault(provider + "/" + model, List.of()).stream()
        .filter(p -> !p.getEffectiveFrom().isAfter(at))
        .findFirst()
        .orElse(null);
  }

  /** The request's cost, or null when its model has no price. */
  public Double costUsd(TokenUsage usage) {
    ModelPrice price = at(usage.getProvider(), usage.getModel(), usage.getOccurredAt());
    return price == null ? null : CostCalculator.costUsd(usage, price);
  }
}
