package io.tokenlens.simulator.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.GeneratedEvent;
import io.tokenlens.ingest.imports.ImportContext;
import io.tokenlens.ingest.imports.ProviderExport;
import io.tokenlens.ingest.prices.DefaultPrices;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.simulator.Simulation;
import io.tokenlens.simulator.budget.PriceBook;
import io.tokenlens.simulator.model.Timeline;
import io.tokenlens.simulator.org.Organisation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderExportsTest {
  private static final Instant END = Instant.parse("2026-12-04T12:00:00Z");
  private static final List<ModelPrice> PRICES = DefaultPrices.load(0);

  private static Timeline timeline(long seed) {
    return Simulation.run(Organisation.generate(seed, 12, 3), seed, 3, END, 0.1, true);
  }

  /** The exports as the importer reads them, priced per UTC day and provider. */
  private static Map<String, Double> importedSpend(ProviderExports exports) {
    List<ProviderUsage> rows = new ArrayList<>();
    ImportContext context = new ImportContext(END, "test");
    rows.addAll(ProviderExport.ANTHROPIC.parse(exports.anthropic(), context));
    if (exports.openai() != null) {
      rows.addAll(ProviderExport.OPENAI.parse(exports.openai(), context));
    }
    PriceBook book = new PriceBook(PRICES);
    Map<String, Double> spend = new HashMap<>();
    for (ProviderUsage r : rows) {
      ModelPrice p = book.at(r.getProvider(), r.getModel(), r.getBucketStart());
      double usd =
          (r.getInputTokens() * p.getInputUsdPerMillion()
                  + r.getCacheReadTokens() * p.getCacheReadUsdPerMillion()
                  + r.getCacheWriteTokens() * p.getCacheWriteUsdPerMillion()
                  + r.getOutputTokens() * p.getOutputUsdPerMillion())
              / 1e6;
      spend.merge(
          LocalDate.ofInstant(r.getBucketStart(), ZoneOffset.UTC) + "|" + r.getProvider(),
          usd,
          Double::sum);
    }
    return spend;
  }

  private static Map<String, Double> telemetrySpend(Timeline timeline) {
    PriceBook book = new PriceBook(PRICES);
    Map<String, Double> spend = new HashMap<>();
    for (GeneratedEvent e : timeline.events()) {
      if (e.topic() == Topics.TOKEN_USAGE) {
        TokenUsage u = (TokenUsage) e.value();
        spend.merge(
            LocalDate.ofInstant(u.getOccurredAt(), ZoneOffset.UTC) + "|" + u.getProvider(),
            book.costUsd(u),
            Double::sum);
      }
    }
    return spend;
  }

  @Test
  void exportsTheTelemetrysSpendPlusExactlyThePlantedJobOnThePlantedDays() {
    for (long seed = 1; seed <= 3; seed++) {
      Timeline timeline = timeline(seed);
      ProviderExports exports = ProviderExports.of(timeline, PRICES, seed, 0.5);
      Map<String, Double> imported = importedSpend(exports);
      Map<String, Double> telemetry = telemetrySpend(timeline);

      assertThat(exports.labels()).hasSize(telemetry.size());
      assertThat(exports.labels()).anyMatch(SpendLabel::planted).anyMatch(l -> !l.planted());
      for (SpendLabel l : exports.labels()) {
        String key = l.day() + "|" + l.provider();
        assertThat(l.telemetryUsd()).as(key).isCloseTo(telemetry.get(key), within(1e-9));
        assertThat(imported.get(key) - telemetry.get(key))
            .as(key)
            .isCloseTo(l.uninstrumentedUsd(), within(1e-6));
        assertThat(l.exportedUsd()).as(key).isCloseTo(imported.get(key), within(1e-6));
        if (l.planted()) {
          assertThat(l.uninstrumentedUsd() / l.telemetryUsd()).as(key).isBetween(0.149, 0.401);
        }
      }
    }
  }

  @Test
  void plantsNothingAtRateZeroAndLeavesTheTelemetryOfTheSeedAlone() {
    Timeline timeline = timeline(7);
    ProviderExports exports = ProviderExports.of(timeline, PRICES, 7, 0);
    assertThat(exports.labels()).noneMatch(SpendLabel::planted);
    assertThat(timeline(7).events()).hasSameSizeAs(timeline.events());
    assertThat(ProviderExports.of(timeline(7), PRICES, 7, 0.5).labels())
        .isEqualTo(ProviderExports.of(timeline(7), PRICES, 7, 0.5).labels());
  }

  @Test
  void writesTheExportsTheImportCommandReadsAndTheLabels(@TempDir Path dir) throws Exception {
    ProviderExports exports = ProviderExports.of(timeline(2), PRICES, 2, 0.5);
    exports.write(dir);
    assertThat(
            ProviderExport.ANTHROPIC.parse(
                Files.readAllBytes(dir.resolve(ProviderExports.ANTHROPIC_FILE)),
                new ImportContext(END, "file")))
        .isNotEmpty()
        .anyMatch(r -> r.getApiKeyId() != null);
    assertThat(Files.readAllLines(dir.resolve(ProviderExports.LABELS_FILE)))
        .hasSize(exports.labels().size())
        .first()
        .asString()
        .contains("\"uninstrumentedUsd\"");
  }
}
