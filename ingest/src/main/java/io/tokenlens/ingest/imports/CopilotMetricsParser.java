package io.tokenlens.ingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenlens.ingest.load.Fields;
import io.tokenlens.ingest.load.JsonItem;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.avro.ProviderUsageSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * GitHub Copilot usage metrics reports (NDJSON, one record per day, per user in the user-level
 * reports): {@code day}, {@code enterprise_id} / {@code organization_id}, {@code user_id} / {@code
 * user_login}, and daily totals such as {@code user_initiated_interaction_count}, {@code
 * code_generation_activity_count}, {@code code_acceptance_activity_count}, {@code
 * loc_suggested_to_add_sum}, {@code loc_added_sum}. The report carries no per-kind token counts for
 * IDE use, so the token fields stay 0 and the totals become attributes.
 */
final class CopilotMetricsParser implements ExportParser {
  static final String ID_PREFIX = "copilot-metrics";

  /**
   * The columns that identify a record: the scope and the user (the id, which survives a rename).
   */
  private static final List<String> GROUPING =
      List.of("enterprise_id", "organization_id", "user_id");

  private static final Set<String> CLI_COUNTS =
      Set.of("session_count", "request_count", "prompt_count");
  private static final Set<String> CLI_TOKENS = Set.of("prompt_tokens_sum", "output_tokens_sum");

  @Override
  public List<ProviderUsage> parse(
      List<JsonItem> documents, ImportContext context, List<String> problems) {
    List<ProviderUsage> rows = new ArrayList<>();
    for (JsonItem record : documents) {
      ProviderUsage row = row(record, context, problems);
      if (row != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static ProviderUsage row(JsonItem record, ImportContext context, List<String> problems) {
    Fields f = new Fields(record, problems);
    int before = problems.size();
    Instant day = day(f);
    SortedMap<String, String> grouping = new TreeMap<>();
    for (String column : GROUPING) {
      String v = f.string(column);
      if (v != null) {
        grouping.put(column, v);
      }
    }
    String login = f.string("user_login");
    if (!grouping.containsKey("user_id") && login != null) {
      grouping.put("user_login", login);
    }
    if (grouping.isEmpty()) {
      f.problem("names no enterprise_id, organization_id, user_id or user_login");
    }
    Map<String, Double> attributes = new HashMap<>();
    UsageRows.numericAttributes(
        record, Set.of("user_id", "enterprise_id", "organization_id"), "", f, attributes);
    for (Iterator<Map.Entry<String, JsonNode>> it = record.node().fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("used_") && e.getValue().isBoolean()) {
        attributes.put(e.getKey(), e.getValue().asBoolean() ? 1.0 : 0.0);
      }
    }
    JsonItem cli = record.child("totals_by_cli", problems);
    if (cli != null) {
      Fields c = new Fields(cli, problems);
      cliAttributes(cli, CLI_COUNTS, c, attributes);
      JsonItem tokens = cli.child("token_usage", problems);
      if (tokens != null) {
        cliAttributes(tokens, CLI_TOKENS, new Fields(tokens, problems), attributes);
      }
    }
    if (problems.size() > before) {
      return null;
    }
    Instant end = day.plusSeconds(86_400);
    String organization = f.string("organization_id");
    return UsageRows.row(
            ProviderUsageSource.COPILOT_METRICS,
            "github",
            UsageRows.eventId(ID_PREFIX, day, end, grouping),
            day,
            end,
            context)
        .setOrganizationId(organization != null ? organization : f.string("enterprise_id"))
        .setUserId(login != null ? login : f.string("user_id"))
        .setAttributes(attributes)
        .build();
  }

  private static void cliAttributes(
      JsonItem item, Set<String> names, Fields f, Map<String, Double> attributes) {
    for (String name : names) {
      Double v = f.amount(name);
      if (v != null) {
        attributes.put("cli." + name, v);
      }
    }
  }

  private static Instant day(Fields f) {
    String v = f.requiredString("day");
    if (v == null) {
      return null;
    }
    try {
      return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      f.problem("day", "'" + v + "' is not a date like 2025-10-01");
      return null;
    }
  }
}
