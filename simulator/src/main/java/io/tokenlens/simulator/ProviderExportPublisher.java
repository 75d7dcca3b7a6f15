package io.tokenlens.simulator;

import io.tokenlens.ingest.imports.ImportContext;
import io.tokenlens.ingest.imports.ProviderExport;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.coverage.ProviderExports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports the simulated provider exports as {@code ./tokenlens import anthropic|openai FILE} does:
 * each file read by the importer ({@link ProviderExport}, all or nothing), every row published to
 * {@code provider-usage} under the key its content decides, so a second import replaces the first.
 */
public final class ProviderExportPublisher {
  private ProviderExportPublisher() {}

  /**
   * @param topic the {@code provider-usage} topic's name (with any prefix)
   * @return how many rows were published
   */
  public static int publish(
      String bootstrapServers,
      String topic,
      Map<String, ?> serdeProperties,
      ProviderExports exports,
      Instant importedAt) {
    ImportContext context = new ImportContext(importedAt, "simulation-" + importedAt);
    List<ProviderUsage> rows = new ArrayList<>();
    if (exports.anthropic() != null) {
      rows.addAll(ProviderExport.ANTHROPIC.parse(exports.anthropic(), context));
    }
    if (exports.openai() != null) {
      rows.addAll(ProviderExport.OPENAI.parse(exports.openai(), context));
    }
    return RecordPublisher.publish(
        bootstrapServers, Topics.PROVIDER_USAGE, topic, serdeProperties, rows);
  }
}
