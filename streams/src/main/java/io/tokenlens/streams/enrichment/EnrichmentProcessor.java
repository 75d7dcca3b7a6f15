package io.tokenlens.streams.enrichment;

import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.topology.StreamsCounters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Enriches each usage event from the two global stores (directory, model prices) with {@link
 * UsageEnricher}. A processor rather than stream–global-table joins: one event carries up to four
 * raw identities tried in turn, and its price is the model's price period in effect at the
 * request's time, neither of which a single-key join can express. Both stores are read through what
 * the processor keeps decoded in memory ({@link DirectoryCache}, {@link StorePriceBook}). An
 * unknown identity passes through with a null engineer and the header {@value
 * #IDENTITY_HEADER}{@code =unknown}, and is counted; so is an event of a model without a price.
 */
public final class EnrichmentProcessor
    implements FixedKeyProcessor<String, TokenUsage, TokenUsage> {

  public static final String NAME = "token-usage-enrich";

  /** Header set on events whose identity the directory does not know. */
  public static final String IDENTITY_HEADER = "tokenlens-identity";

  private static final byte[] UNKNOWN = "unknown".getBytes(StandardCharsets.UTF_8);

  private final String directoryStore;
  private final String pricesStore;
  private FixedKeyProcessorContext<String, TokenUsage> context;
  private UsageEnricher enricher;
  private Sensor unknownIdentities;
  private Sensor unpriced;

  public EnrichmentProcessor(String directoryStore, String pricesStore) {
    this.directoryStore = directoryStore;
    this.pricesStore = pricesStore;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, TokenUsage> context) {
    this.context = context;
    TimestampedKeyValueStore<String, DirectoryEntry> directory =
        context.getStateStore(directoryStore);
    TimestampedKeyValueStore<String, ModelPrice> prices = context.getStateStore(pricesStore);
    this.enricher = new UsageEnricher(new DirectoryCache(directory), new StorePriceBook(prices));
    this.unknownIdentities = StreamsCounters.counter(context, NAME, "unknown-identity");
    this.unpriced = StreamsCounters.counter(context, NAME, "unpriced");
  }

  @Override
  public void process(FixedKeyRecord<String, TokenUsage> record) {
    UsageEnricher.Enriched enriched = enricher.enrich(record.value());
    FixedKeyRecord<String, TokenUsage> out = record.withValue(enriched.usage());
    out.headers().remove(IDENTITY_HEADER);
    if (!enriched.identityKnown()) {
      unknownIdentities.record();
      out.headers().add(IDENTITY_HEADER, UNKNOWN);
    }
    if (!enriched.priced()) {
      unpriced.record();
    }
    context.forward(out);
  }
}
