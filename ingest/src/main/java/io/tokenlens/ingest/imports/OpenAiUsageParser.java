package io.tokenlens.ingest.imports;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.load.Fields;
import io.tokenlens.ingest.load.JsonItem;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.avro.ProviderUsageSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI completions usage ({@code GET /v1/organization/usage/completions}): {@code data[]} of
 * buckets ({@code start_time}, {@code end_time} in epoch seconds, {@code results[]} of {@code
 * organization.usage.completions.result}). OpenAI's {@code input_tokens} include cached tokens:
 * uncached input is {@code input_tokens − input_cached_tokens}.
 */
final class OpenAiUsageParser implements ExportParser {
  static final String ID_PREFIX = "openai-usage";
  static final String RESULT_OBJECT = "organization.usage.completions.result";
  private static final Set<String> MAPPED =
      Set.of("input_tokens", "input_cached_tokens", "output_tokens", "num_model_requests");

  @Override
  public List<ProviderUsage> parse(
      List<JsonItem> documents, ImportContext context, List<String> problems) {
    return UsageRows.bucketed(
        documents,
        "start_time",
        "end_time",
        OpenAiUsageParser::epochSeconds,
        OpenAiUsageParser::row,
        context,
        problems);
  }

  private static Instant epochSeconds(Fields f, String field) {
    Long seconds = f.requiredCount(field);
    return seconds == null ? null : Instant.ofEpochSecond(seconds);
  }

  private static ProviderUsage row(
      JsonItem result, Instant start, Instant end, ImportContext context, List<String> problems) {
    Fields f = new Fields(result, problems);
    int before = problems.size();
    String object = f.string("object");
    if (object != null && !object.equals(RESULT_OBJECT)) {
      f.problem(
          "object",
          "'"
              + object
              + "' is not "
              + RESULT_OBJECT
              + " (import the completions usage, not another usage endpoint)");
    }
    Long input = f.requiredCount("input_tokens");
    long cached = f.countOrZero("input_cached_tokens");
    Long output = f.requiredCount("output_tokens");
    if (input != null && cached > input) {
      f.problem(
          "input_cached_tokens",
          cached + " exceeds input_tokens (" + input + "), which include cached tokens");
    }
    Map<String, Double> attributes = new HashMap<>();
    UsageRows.numericAttributes(result, MAPPED, "", f, attributes);
    if (result.node().path("batch").isBoolean()) {
      attributes.put("batch", result.node().get("batch").asBoolean() ? 1.0 : 0.0);
    }
    Long requests = f.count("num_model_requests");
    if (problems.size() > before || start == null || end == null) {
      return null;
    }
    return UsageRows.row(
            ProviderUsageSource.OPENAI_USAGE_API,
            "openai",
            UsageRows.eventId(
                ID_PREFIX, start, end, UsageRows.scalarColumns(result.node(), Set.of("object"))),
            start,
            end,
            context)
        .setModel(f.string("model"))
        .setWorkspaceId(f.string("project_id"))
        .setUserId(f.string("user_id"))
        .setApiKeyId(Hashes.apiKeyId(f.string("api_key_id")))
        .setServiceTier(f.string("service_tier"))
        .setInputTokens(input - cached)
        .setCacheReadTokens(cached)
        .setCacheWriteTokens(0)
        .setOutputTokens(output)
        .setRequests(requests)
        .setAttributes(attributes)
        .build();
  }
}
