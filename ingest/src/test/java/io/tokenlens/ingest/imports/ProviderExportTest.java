package io.tokenlens.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.load.InvalidInputException;
import io.tokenlens.ingest.load.Samples;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.avro.ProviderUsageSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three export parsers with samples shaped as the providers document their responses. */
class ProviderExportTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final ImportContext CONTEXT = new ImportContext(NOW, "test-import");

  private static List<ProviderUsage> parse(ProviderExport export, String sample) {
    return export.parse(Samples.bytes(sample), CONTEXT);
  }

  static List<String> problems(ProviderExport export, String body) {
    try {
      export.parse(Samples.utf8(body), CONTEXT);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("expected the export to be refused");
  }

  @Test
  void shouldMapAnthropicBucketsWithUncachedInputAndBothCacheWriteKinds() {
    List<ProviderUsage> rows = parse(ProviderExport.ANTHROPIC, "anthropic-usage.json");

    assertThat(rows).hasSize(3);
    ProviderUsage sonnet = rows.get(0);
    assertThat(sonnet.getSource()).isEqualTo(ProviderUsageSource.ANTHROPIC_ADMIN_API);
    assertThat(sonnet.getProvider()).isEqualTo("anthropic");
    assertThat(sonnet.getBucketStart()).isEqualTo(Instant.parse("2025-08-01T00:00:00Z"));
    assertThat(sonnet.getBucketEnd()).isEqualTo(Instant.parse("2025-08-02T00:00:00Z"));
    assertThat(sonnet.getInputTokens()).isEqualTo(1500);
    assertThat(sonnet.getCacheReadTokens()).isEqualTo(200);
    assertThat(sonnet.getCacheWriteTokens()).isEqualTo(1500);
    assertThat(sonnet.getOutputTokens()).isEqualTo(500);
    assertThat(sonnet.getModel()).isEqualTo("claude-sonnet-4-20250514");
    assertThat(sonnet.getWorkspaceId()).isEqualTo("wrkspc_01JwQvzr7rXLA5AGx3HKfFUJ");
    assertThat(sonnet.getApiKeyId()).isEqualTo(Hashes.apiKeyId("apikey_01Rj2N8SVvo6BePZj99NhmiT"));
    assertThat(sonnet.getServiceTier()).isEqualTo("standard/0-200k");
    assertThat(sonnet.getAttributes())
        .containsEntry("server_tool_use.web_search_requests", 10.0)
        .containsEntry("cache_creation.ephemeral_1h_input_tokens", 1000.0)
        .containsEntry("cache_creation.ephemeral_5m_input_tokens", 500.0);
    assertThat(sonnet.getImportedAt()).isEqualTo(NOW);
    assertThat(sonnet.getVersion()).isEqualTo(NOW.toEpochMilli());
    assertThat(sonnet.getImportId()).isEqualTo("test-import");
    assertThat(sonnet.getEventId())
        .matches("anthropic-usage:2025-08-01T00:00:00Z/2025-08-02T00:00:00Z:[0-9a-f]{32}");
    assertThat(rows).extracting(ProviderUsage::getEventId).doesNotHaveDuplicates();
  }

  @Test
  void shouldConvertOpenAiInputThatIncludesCachedTokensToUncachedInput() {
    List<ProviderUsage> rows = parse(ProviderExport.OPENAI, "openai-usage.json");

    assertThat(rows).hasSize(2);
    ProviderUsage first = rows.get(0);
    assertThat(first.getSource()).isEqualTo(ProviderUsageSource.OPENAI_USAGE_API);
    assertThat(first.getBucketStart()).isEqualTo(Instant.ofEpochSecond(1730419200));
    assertThat(first.getBucketEnd()).isEqualTo(Instant.ofEpochSecond(1730505600));
    assertThat(first.getInputTokens()).isEqualTo(200);
    assertThat(first.getCacheReadTokens()).isEqualTo(800);
    assertThat(first.getCacheWriteTokens()).isZero();
    assertThat(first.getOutputTokens()).isEqualTo(500);
    assertThat(first.getRequests()).isEqualTo(5);
    assertThat(first.getModel()).isEqualTo("gpt-4.1-2025-04-14");
    assertThat(first.getWorkspaceId()).isEqualTo("proj_abc");
    assertThat(first.getUserId()).isEqualTo("user-xyz");
    assertThat(first.getApiKeyId()).isEqualTo(Hashes.apiKeyId("key_123"));
    assertThat(first.getAttributes())
        .containsEntry("batch", 0.0)
        .containsEntry("input_audio_tokens", 0.0);
    assertThat(rows.get(1).getAttributes()).containsEntry("batch", 1.0);
    // batch and non-batch usage of the same model are two rows, so two ids
    assertThat(rows.get(0).getEventId()).isNotEqualTo(rows.get(1).getEventId());
  }

  @Test
  void shouldMapCopilotDailyUserRecordsToAttributes() {
    List<ProviderUsage> rows = parse(ProviderExport.COPILOT, "copilot-metrics.ndjson");

    assertThat(rows).hasSize(3);
    ProviderUsage ada = rows.get(0);
    assertThat(ada.getSource()).isEqualTo(ProviderUsageSource.COPILOT_METRICS);
    assertThat(ada.getProvider()).isEqualTo("github");
    assertThat(ada.getBucketStart()).isEqualTo(Instant.parse("2025-10-01T00:00:00Z"));
    assertThat(ada.getBucketEnd()).isEqualTo(Instant.parse("2025-10-02T00:00:00Z"));
    assertThat(ada.getUserId()).isEqualTo("ada-l");
    assertThat(ada.getOrganizationId()).isEqualTo("1");
    assertThat(ada.getInputTokens()).isZero();
    assertThat(ada.getAttributes())
        .containsEntry("user_initiated_interaction_count", 7.0)
        .containsEntry("code_generation_activity_count", 12.0)
        .containsEntry("code_acceptance_activity_count", 5.0)
        .containsEntry("loc_suggested_to_add_sum", 120.0)
        .containsEntry("loc_added_sum", 48.0)
        .containsEntry("used_agent", 1.0)
        .containsEntry("cli.request_count", 2.0)
        .containsEntry("cli.prompt_tokens_sum", 3800.0)
        .containsEntry("cli.output_tokens_sum", 5000.0)
        .doesNotContainKey("user_id");
    assertThat(rows.get(2).getEventId()).isNotEqualTo(ada.getEventId());
  }

  @Test
  void shouldGiveTheSameIdsWhenTheSameFileIsImportedAgainLongAfter() {
    for (var sample :
        List.of(
            new Object[] {ProviderExport.ANTHROPIC, "anthropic-usage.json"},
            new Object[] {ProviderExport.OPENAI, "openai-usage.json"},
            new Object[] {ProviderExport.COPILOT, "copilot-metrics.ndjson"})) {
      ProviderExport export = (ProviderExport) sample[0];
      byte[] file = Samples.bytes((String) sample[1]);
      List<ProviderUsage> first = export.parse(file, CONTEXT);
      List<ProviderUsage> later =
          export.parse(file, new ImportContext(NOW.plusSeconds(200L * 86_400), "later"));

      assertThat(later)
          .extracting(ProviderUsage::getEventId)
          .containsExactlyElementsOf(first.stream().map(ProviderUsage::getEventId).toList());
      assertThat(later.get(0).getVersion()).isGreaterThan(first.get(0).getVersion());
    }
  }

  @Test
  void shouldKeepCopilotIdsWhenTheSameDayComesInALaterReport() {
    String record =
        "{\"report_start_day\":\"%s\",\"report_end_day\":\"%s\",\"day\":\"2025-10-01\",\"enterprise_id\":"
            + "\"1\",\"user_id\":7,\"user_login\":\"%s\",\"loc_added_sum\":1}";
    String first =
        ProviderExport.COPILOT
            .parse(Samples.utf8(String.format(record, "2025-09-04", "2025-10-01", "ada")), CONTEXT)
            .get(0)
            .getEventId();
    String later =
        ProviderExport.COPILOT
            .parse(
                Samples.utf8(String.format(record, "2025-09-10", "2025-10-07", "ada-renamed")),
                CONTEXT)
            .get(0)
            .getEventId();

    assertThat(later).isEqualTo(first);
  }

  @Test
  void shouldReadSeveralSavedPagesAsNdjsonOrAsAnArray() {
    String page1 =
        "{\"data\":[{\"starting_at\":\"2025-08-01T00:00:00Z\",\"ending_at\":\"2025-08-01T01:00:00Z\","
            + "\"results\":[{\"uncached_input_tokens\":1,\"output_tokens\":2,\"model\":\"m\"}]}],\"has_more\":true}";
    String page2 =
        page1
            .replace("T00:00:00Z", "T01:00:00Z")
            .replace("T01:00:00Z\",\"results", "T02:00:00Z\",\"results");

    assertThat(ProviderExport.ANTHROPIC.parse(Samples.utf8(page1 + "\n" + page2 + "\n"), CONTEXT))
        .hasSize(2);
    assertThat(
            ProviderExport.ANTHROPIC.parse(Samples.utf8("[" + page1 + "," + page2 + "]"), CONTEXT))
        .hasSize(2);
  }

  @Test
  void shouldReportMissingColumnsNegativeNumbersAndBadDatesInAnthropicReports() {
    assertThat(
            problems(
                ProviderExport.ANTHROPIC,
                """
        {"data": [
          {"starting_at": "2025-08-01", "ending_at": "yesterday", "results": [
            {"uncached_input_tokens": -3, "output_tokens": 1.5, "cache_creation": {"ephemeral_5m_input_tokens": "x"}}]},
          {"starting_at": "2025-08-02T00:00:00Z", "ending_at": "2025-08-01T00:00:00Z", "results": [
            {"output_tokens": 1}]},
          {"ending_at": "2025-08-03T00:00:00Z"}
        ]}"""))
        .containsExactly(
            "data[0].ending_at: 'yesterday' is not a date like 2026-11-22 or an instant like 2026-11-22T08:00:00Z",
            "data[0].results[0].uncached_input_tokens: must not be negative, not -3",
            "data[0].results[0].output_tokens: must be a whole number, not '1.5'",
            "data[0].results[0].cache_creation.ephemeral_5m_input_tokens: must be a whole number, not 'x'",
            "data[1].ending_at: must be after the bucket's start (2025-08-02T00:00:00Z), not 2025-08-01T00:00:00Z",
            "data[1].results[0].uncached_input_tokens: required",
            "data[2].starting_at: required (a date like 2026-11-22 or an instant like 2026-11-22T08:00:00Z)",
            "data[2].results: required (an array)");
  }

  @Test
  void shouldRefuseOpenAiCachedTokensAboveInputAndOtherUsageEndpoints() {
    assertThat(
            problems(
                ProviderExport.OPENAI,
                """
        {"data": [{"start_time": 1730419200, "end_time": "soon", "results": [
          {"object": "organization.usage.completions.result", "input_tokens": 10, "input_cached_tokens": 20,
           "output_tokens": 1},
          {"object": "organization.usage.embeddings.result", "input_tokens": 10, "num_model_requests": 1}]}]}
        """))
        .containsExactly(
            "data[0].end_time: must be a whole number, not 'soon'",
            "data[0].results[0].input_cached_tokens: 20 exceeds input_tokens (10), which include cached tokens",
            "data[0].results[1].object: 'organization.usage.embeddings.result' is not "
                + "organization.usage.completions.result (import the completions usage, not another usage endpoint)",
            "data[0].results[1].output_tokens: required");
  }

  @Test
  void shouldReportCopilotLinesThatAreNotJsonOrLackTheirDay() {
    assertThat(
            problems(
                ProviderExport.COPILOT,
                """
        {"day": "2025-10-01", "user_id": 1, "loc_added_sum": 3}
        {"day": "2025-10-01", "user_id": 2, "loc_added_sum": -3
        {"day": "01/10/2025", "user_login": "x"}
        {"loc_added_sum": 1}
        """))
        .containsExactly("[line 2]: not valid JSON");
    assertThat(
            problems(
                ProviderExport.COPILOT,
                """
        {"day": "2025-10-01", "user_id": 1, "loc_added_sum": 3}
        {"day": "2025-10-01", "user_id": 2, "loc_added_sum": -3}
        {"day": "01/10/2025", "user_login": "x"}
        {"loc_added_sum": 1}
        """))
        .containsExactly(
            "[line 2].loc_added_sum: must not be negative, not -3",
            "[line 3].day: '01/10/2025' is not a date like 2025-10-01",
            "[line 4].day: required",
            "[line 4]: names no enterprise_id, organization_id, user_id or user_login");
  }

  @Test
  void shouldRefuseTheSameBucketAndGroupingTwiceAndEmptyExports() {
    String page =
        "{\"data\":[{\"starting_at\":\"2025-08-01T00:00:00Z\",\"ending_at\":\"2025-08-02T00:00:00Z\","
            + "\"results\":[{\"uncached_input_tokens\":1,\"output_tokens\":2,\"model\":\"m\"}]}]}";

    assertThat(problems(ProviderExport.ANTHROPIC, page + "\n" + page))
        .singleElement()
        .asString()
        .startsWith("row 2 has the same bucket and grouping columns as row 1");
    assertThat(problems(ProviderExport.ANTHROPIC, "{\"data\": []}"))
        .containsExactly("no usage rows in the file");
    assertThat(problems(ProviderExport.OPENAI, "")).containsExactly("the file is empty");
  }
}
