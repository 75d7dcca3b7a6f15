package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.ModelPrice;
import java.time.Instant;
import java.util.Optional;

/** The price periods of every model. */
@FunctionalInterface
public interface PriceBook {

  /**
   * The price of {@code provider}/{@code model} in effect at {@code at}: the period with the latest
   * start not after it.
   */
  Optional<ModelPrice> priceAt(String provider, String model, Instant at);
}
