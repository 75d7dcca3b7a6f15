package io.tokenlens.ingest.prices;

import io.tokenlens.ingest.load.Fields;
import io.tokenlens.ingest.load.InputFormat;
import io.tokenlens.ingest.load.InvalidInputException;
import io.tokenlens.ingest.load.Item;
import io.tokenlens.ingest.load.Items;
import io.tokenlens.ingest.publish.PendingRecord;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses a price table (CSV or JSON, see docs/reference-data.md): one price period per row or
 * object, USD per million tokens. Every problem is collected; one bad entry refuses the whole
 * table.
 */
public final class PriceParser {
  static final String WHAT = "price table";
  static final Set<String> FIELDS =
      Set.of(
          "provider",
          "model",
          "effectiveFrom",
          "inputUsdPerMillion",
          "outputUsdPerMillion",
          "cacheReadUsdPerMillion",
          "cacheWriteUsdPerMillion");

  private PriceParser() {}

  /**
   * Parses {@code body}; every price gets {@code version} = {@code version} and {@code source}.
   *
   * @throws InvalidInputException listing every problem
   */
  public static List<ModelPrice> parse(
      byte[] body, InputFormat format, String source, long version) {
    List<Item> items = Items.read(body, format, WHAT);
    List<String> problems = new ArrayList<>();
    List<ModelPrice> prices = new ArrayList<>();
    Map<String, String> firstSeen = new HashMap<>();
    for (Item item : items) {
      Fields f = new Fields(item, problems);
      int before = problems.size();
      f.refuseUnknown(FIELDS);
      String provider = f.requiredString("provider");
      String model = f.requiredString("model");
      Instant from = f.instantOrDate("effectiveFrom", true);
      Double input = f.requiredAmount("inputUsdPerMillion");
      Double output = f.requiredAmount("outputUsdPerMillion");
      Double cacheRead = f.requiredAmount("cacheReadUsdPerMillion");
      Double cacheWrite = f.requiredAmount("cacheWriteUsdPerMillion");
      if (problems.size() > before) {
        continue;
      }
      ModelPrice price =
          ModelPrice.newBuilder()
              .setProvider(provider.toLowerCase(Locale.ROOT))
              .setModel(model)
              .setEffectiveFrom(from)
              .setInputUsdPerMillion(input)
              .setOutputUsdPerMillion(output)
              .setCacheReadUsdPerMillion(cacheRead)
              .setCacheWriteUsdPerMillion(cacheWrite)
              .setVersion(version)
              .setSource(source)
              .build();
      String key = Topics.MODEL_PRICES.key(price);
      String earlier = firstSeen.putIfAbsent(key, item.at());
      if (earlier != null) {
        f.problem("the price period '" + key + "' appears already at " + earlier);
        continue;
      }
      prices.add(price);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(WHAT, problems);
    }
    return prices;
  }

  /** The records of a price table. */
  public static List<PendingRecord<ModelPrice>> records(List<ModelPrice> prices) {
    return prices.stream().map(p -> new PendingRecord<>(Topics.MODEL_PRICES, p)).toList();
  }
}
