package io.tokenlens.ingest.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.ingest.load.InputFormat;
import io.tokenlens.ingest.load.InvalidInputException;
import io.tokenlens.ingest.load.Samples;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceParserTest {
  private static final String HEADER =
      "provider,model,effective_from,input_usd_per_million,output_usd_per_million,"
          + "cache_read_usd_per_million,cache_write_usd_per_million\n";

  private static List<String> problems(String body, InputFormat format) {
    try {
      PriceParser.parse(Samples.utf8(body), format, "test", 1);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected the table to be refused");
  }

  @Test
  void shouldReadOverridesWithDatesOrInstantsAsEffectiveFrom() {
    List<ModelPrice> prices =
        PriceParser.parse(Samples.bytes("prices.csv"), InputFormat.CSV, "prices.csv", 42);

    assertThat(prices)
        .extracting(Topics.MODEL_PRICES::key)
        .containsExactly(
            "anthropic/claude-sonnet-4-5@2026-01-01T00:00:00Z",
            "openai/gpt-5@2026-01-01T00:00:00Z");
    ModelPrice sonnet = prices.get(0);
    assertThat(sonnet.getInputUsdPerMillion()).isEqualTo(2.40);
    assertThat(sonnet.getOutputUsdPerMillion()).isEqualTo(12.00);
    assertThat(sonnet.getCacheReadUsdPerMillion()).isEqualTo(0.24);
    assertThat(sonnet.getCacheWriteUsdPerMillion()).isEqualTo(3.00);
    assertThat(sonnet.getVersion()).isEqualTo(42);
    assertThat(sonnet.getSource()).isEqualTo("prices.csv");
  }

  @Test
  void shouldReadTheJsonShape() {
    List<ModelPrice> prices =
        PriceParser.parse(
            Samples.utf8(
                """
        [{"provider": "OpenAI", "model": "gpt-4.1", "effectiveFrom": "2026-02-01T12:00:00+01:00",
          "inputUsdPerMillion": 1.5, "outputUsdPerMillion": 6, "cacheReadUsdPerMillion": 0.4,
          "cacheWriteUsdPerMillion": 1.5}]"""),
            InputFormat.JSON,
            "api:ops",
            7);

    assertThat(prices)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getProvider()).isEqualTo("openai");
              assertThat(p.getEffectiveFrom()).isEqualTo(Instant.parse("2026-02-01T11:00:00Z"));
              assertThat(p.getOutputUsdPerMillion()).isEqualTo(6.0);
            });
  }

  @Test
  void shouldReportNegativePricesBadDatesMissingAndUnknownColumns() {
    assertThat(
            problems(
                HEADER
                    + """
        anthropic,claude-x,2026-13-01,1,2,0.1,1.25
        openai,,2026-01-01,-1,abc,0.1,
        """,
                InputFormat.CSV))
        .containsExactly(
            "[line 2].effective_from: '2026-13-01' is not a date like 2026-11-22 or an instant like 2026-11-22T08:00:00Z",
            "[line 3].model: required",
            "[line 3].input_usd_per_million: must not be negative, not -1",
            "[line 3].output_usd_per_million: must be a number, not 'abc'",
            "[line 3].cache_write_usd_per_million: required");
    assertThat(
            problems(
                "provider,model,effective_from,input\nopenai,gpt-5,2026-01-01,1\n",
                InputFormat.CSV))
        .contains("[line 2].input: unknown field", "[line 2].output_usd_per_million: required");
  }

  @Test
  void shouldRefuseTheSamePricePeriodTwice() {
    assertThat(
            problems(
                HEADER
                    + """
        openai,gpt-5,2026-01-01,1,2,0.1,1
        openai,gpt-5,2026-01-01T00:00:00Z,1,3,0.1,1
        """,
                InputFormat.CSV))
        .containsExactly(
            "[line 3]: the price period 'openai/gpt-5@2026-01-01T00:00:00Z' appears already at [line 2]");
  }

  @Test
  void shouldRefuseBodiesThatAreNotATable() {
    assertThatThrownBy(() -> PriceParser.parse(Samples.utf8("{not json"), InputFormat.JSON, "t", 1))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).problems().get(0))
                    .startsWith("not valid JSON"));
    assertThatThrownBy(() -> PriceParser.parse(Samples.utf8("[]"), InputFormat.JSON, "t", 1))
        .hasFieldOrPropertyWithValue("problems", List.of("no entries"));
    assertThatThrownBy(() -> PriceParser.parse(new byte[0], InputFormat.JSON, "t", 1))
        .hasFieldOrPropertyWithValue("problems", List.of("no entries"));
    assertThatThrownBy(() -> PriceParser.parse(Samples.utf8("42"), InputFormat.JSON, "t", 1))
        .hasFieldOrPropertyWithValue(
            "problems", List.of("must be a JSON array of objects or one object, not number"));
  }
}
