package io.tokenlens.ingest.prices;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultPricesTest {

  @Test
  void shouldShipCurrentClaudeOpenAiAndGeminiFamilies() {
    List<ModelPrice> prices = DefaultPrices.load(1);

    assertThat(prices)
        .extracting(p -> p.getProvider() + "/" + p.getModel())
        .contains(
            "anthropic/claude-opus-4-5",
            "anthropic/claude-opus-4-1-20250805",
            "anthropic/claude-sonnet-4-5-20250929",
            "anthropic/claude-sonnet-4-20250514",
            "anthropic/claude-haiku-4-5-20251001",
            "openai/gpt-4.1",
            "openai/gpt-4.1-mini",
            "openai/gpt-5",
            "openai/gpt-5-mini",
            "openai/o3",
            "openai/o4-mini",
            "gcp.gemini/gemini-2.5-pro",
            "gcp.gemini/gemini-2.5-flash");
    assertThat(prices)
        .allSatisfy(
            p -> {
              assertThat(p.getSource()).isEqualTo(DefaultPrices.SOURCE);
              assertThat(p.getCacheReadUsdPerMillion()).isLessThan(p.getInputUsdPerMillion());
              assertThat(p.getOutputUsdPerMillion()).isGreaterThan(p.getInputUsdPerMillion());
            });
  }

  @Test
  void shouldKeepAPriceChangeAsItsOwnPeriod() {
    List<ModelPrice> o3 =
        DefaultPrices.load(1).stream().filter(p -> p.getModel().equals("o3")).toList();

    assertThat(o3)
        .extracting(Topics.MODEL_PRICES::key)
        .containsExactly("openai/o3@2025-04-16T00:00:00Z", "openai/o3@2025-06-10T00:00:00Z");
    assertThat(o3.get(1).getEffectiveFrom()).isEqualTo(Instant.parse("2025-06-10T00:00:00Z"));
    assertThat(o3.get(1).getInputUsdPerMillion()).isLessThan(o3.get(0).getInputUsdPerMillion());
  }
}
