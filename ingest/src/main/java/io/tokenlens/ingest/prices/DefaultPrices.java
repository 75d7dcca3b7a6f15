package io.tokenlens.ingest.prices;

import io.tokenlens.ingest.load.InputFormat;
import io.tokenlens.schemas.avro.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The price table shipped with tokenlens ({@code prices/default-prices.csv} on the class path). */
public final class DefaultPrices {
  /** Class-path resource of the shipped table. */
  public static final String RESOURCE = "prices/default-prices.csv";

  /** The {@code source} of every shipped price. */
  public static final String SOURCE = "default";

  private DefaultPrices() {}

  /** The shipped prices, each with {@code version}. */
  public static List<ModelPrice> load(long version) {
    return PriceParser.parse(bytes(), InputFormat.CSV, SOURCE, version);
  }

  static byte[] bytes() {
    try (InputStream in = DefaultPrices.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the shipped price table " + RESOURCE + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
