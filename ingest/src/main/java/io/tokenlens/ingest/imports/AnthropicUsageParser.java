package io.tokenlens.ingest.imports;

import io.tokenlens.ingest.Hashes;
import io.tokenlens.ingest.load.Fields;
import io.tokenlens.ingest.load.JsonItem;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.avro.ProviderUsageSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Anthropic Admin API messages usage report ({@code GET /v1/organizations/usage_report/messages}):
 * {@code data[]} of buckets ({@code starting_at}, {@code ending_at}, {@code results[]}). {@code
 * uncached_input_tokens} is already uncached input; cache writes are the sum of the 5-minute and
 * 1-hour ephemeral writes.
 */
final class AnthropicUsageParser implements ExportParser {
  static final String ID_PREFIX = "anthropic-usage";
  private static final Set<String> MAPPED =
      Set.of("uncached_input_tokens", "cache_read_input_tokens", "output_tokens");

  @Override
  public List<ProviderUsage> parse(
      List<JsonItem> documents, ImportContext context, List<String> problems) {
    return UsageRows.bucketed(
        documents,
        "starting_at",
        "ending_at",
        (bucket, field) -> bucket.instantOrDate(field, true),
        AnthropicUsageParser::row,
        context,
        problems);
  }

  private static ProviderUsage row(
      JsonItem result, Instant start, Instant end, ImportContext context, List<String> problems) {
    Fields f = new Fields(result, problems);
    int before = problems.size();
    Long uncached = f.requiredCount("uncached_input_tokens");
    long cacheRead = f.countOrZero("cache_read_input_tokens");
    Long output = f.requiredCount("output_tokens");
    Map<String, Double> attributes = new TreeMap<>();
    long cacheWrite = 0;
    JsonItem cacheCreation = result.child("cache_creation", problems);
    if (cacheCreation != null) {
      Fields c = new Fields(cacheCreation, problems);
      cacheWrite =
          c.countOrZero("ephemeral_5m_input_tokens") + c.countOrZero("ephemeral_1h_input_tokens");
      UsageRows.numericAttributes(cacheCreation, Set.of(), "cache_creation.", c, attributes);
    }
    JsonItem serverTools = result.child("server_tool_use", problems);
    if (serverTools != null) {
      UsageRows.numericAttributes(
          serverTools, Set.of(), "server_tool_use.", new Fields(serverTools, problems), attributes);
    }
    UsageRows.numericAttributes(result, MAPPED, "", f, attributes);
    if (problems.size() > before || start == null || end == null) {
      return null;
    }
    String tier = join(f.string("service_tier"), f.string("context_window"));
    String account = f.string("account_id");
    return UsageRows.row(
            ProviderUsageSource.ANTHROPIC_ADMIN_API,
            "anthropic",
            UsageRows.eventId(
                ID_PREFIX, start, end, UsageRows.scalarColumns(result.node(), Set.of())),
            start,
            end,
            context)
        .setModel(f.string("model"))
        .setWorkspaceId(f.string("workspace_id"))
        .setApiKeyId(Hashes.apiKeyId(f.string("api_key_id")))
        .setUserId(account)
        .setServiceTier(tier)
        .setInputTokens(uncached)
        .setCacheReadTokens(cacheRead)
        .setCacheWriteTokens(cacheWrite)
        .setOutputTokens(output)
        .setAttributes(new java.util.HashMap<>(attributes))
        .build();
  }

  /** {@code standard/0-200k}: the service tier and the context window, whichever are known. */
  private static String join(String tier, String contextWindow) {
    if (tier == null) {
      return contextWindow;
    }
    return contextWindow == null ? tier : tier + "/" + contextWindow;
  }
}
