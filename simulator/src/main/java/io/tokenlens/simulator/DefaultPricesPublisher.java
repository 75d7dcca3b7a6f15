package io.tokenlens.simulator;

import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.schemas.topics.Topics;
import java.util.Map;

/**
 * Publishes the price table ingest ships ({@link DefaultPrices}) to {@code model-prices}, as {@code
 * ./tokenlens load prices} does: one record per price period, keyed as the catalog says, so a
 * second publication only overwrites the same keys of the compacted topic.
 */
public final class DefaultPricesPublisher {
  private DefaultPricesPublisher() {}

  /**
   * @param topic the {@code model-prices} topic's name (with any prefix)
   * @param serdeProperties the registry settings ({@code schema.registry.url}, ...)
   * @return how many prices were published
   */
  public static int publish(String bootstrapServers, String topic, Map<String, ?> serdeProperties) {
    return RecordPublisher.publish(
        bootstrapServers,
        Topics.MODEL_PRICES,
        topic,
        serdeProperties,
        DefaultPrices.load(System.currentTimeMillis()));
  }
}
