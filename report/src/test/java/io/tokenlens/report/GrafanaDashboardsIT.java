package io.tokenlens.report;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Grafana cannot run where tokenlens is built, so every panel's SQL of every dashboard in {@code
 * grafana/dashboards} is run here instead: the plugin's macros and the template variables expanded
 * with concrete values (see {@link GrafanaMacros}), against the sink's model filled with {@code
 * report-fixtures.sql}, with "All" teams and with one team; each must run and return the columns
 * its panel expects.
 */
@StackTest
class GrafanaDashboardsIT {

  private static final Path DASHBOARDS = Path.of("grafana", "dashboards");
  private static final Path DATASOURCES =
      Path.of("grafana", "provisioning", "datasources", "clickhouse.yml");

  /** Per dashboard uid and panel title, the columns the panel shows. */
  private static final Map<String, List<String>> EXPECTED_COLUMNS =
      Map.ofEntries(
          entry(
              "tokenlens-leaderboard/Engineers: value per token",
              List.of(
                  "engineer",
                  "team",
                  "tokens",
                  "cost_usd",
                  "merged_prs",
                  "cost_per_merged_pr_usd",
                  "waste_share")),
          entry(
              "tokenlens-leaderboard/Teams: value per token",
              List.of(
                  "team",
                  "tokens",
                  "cost_usd",
                  "merged_prs",
                  "cost_per_merged_pr_usd",
                  "waste_share")),
          entry(
              "tokenlens-leaderboard/Daily AI cost per team", List.of("time", "team", "cost_usd")),
          entry(
              "tokenlens-leaderboard/Hour-of-day burn per team (UTC)",
              List.of("hour_of_day", "team", "cost_usd")),
          entry(
              "tokenlens-waste/Estimated wasted cost by pattern",
              List.of("pattern", "findings", "wasted_cost_usd")),
          entry(
              "tokenlens-waste/Wasted cost over time by pattern",
              List.of("time", "pattern", "wasted_cost_usd")),
          entry(
              "tokenlens-waste/Worst loops",
              List.of(
                  "window_start",
                  "engineer",
                  "team",
                  "session",
                  "repeats",
                  "tokens",
                  "wasted_cost_usd",
                  "summary")),
          entry(
              "tokenlens-waste/Overnight padding",
              List.of(
                  "window_start",
                  "window_end",
                  "engineer",
                  "team",
                  "hours",
                  "tokens",
                  "wasted_cost_usd")),
          entry(
              "tokenlens-waste/Waste per engineer",
              List.of("engineer", "team", "findings", "patterns", "tokens", "wasted_cost_usd")),
          entry(
              "tokenlens-cost-per-pr/Cost per merged PR by team",
              List.of("team", "merged_prs", "cost_per_merged_pr_usd")),
          entry("tokenlens-cost-per-pr/Abandoned spend", List.of("abandoned_usd", "abandoned_prs")),
          entry(
              "tokenlens-cost-per-pr/Costliest merged PRs",
              List.of(
                  "merged_at",
                  "pull_request",
                  "team",
                  "author",
                  "tokens",
                  "cost_usd",
                  "sessions",
                  "engineers")),
          entry(
              "tokenlens-cost-per-pr/Incidents after AI-heavy PRs",
              List.of(
                  "incident_triggered_at",
                  "incident_id",
                  "service",
                  "pull_request",
                  "hours_since_merge",
                  "pr_cost_usd",
                  "pr_cost_percentile",
                  "reason")),
          entry("tokenlens-alerts/Alerts over time by kind", List.of("time", "kind", "alerts")),
          entry(
              "tokenlens-alerts/Alerts by subject",
              List.of(
                  "kind",
                  "subject_kind",
                  "subject_id",
                  "alerts",
                  "max_observed_usd",
                  "last_raised_at")),
          entry(
              "tokenlens-alerts/Latest alerts",
              List.of(
                  "raised_at",
                  "kind",
                  "subject_kind",
                  "subject_id",
                  "team",
                  "budget_period",
                  "observed_usd",
                  "baseline_usd",
                  "threshold_usd",
                  "budget_usd",
                  "message")),
          entry(
              "tokenlens-budgets/Team budget status",
              List.of(
                  "team",
                  "status",
                  "daily_budget_usd",
                  "spent_today_usd",
                  "daily_used_share",
                  "monthly_budget_usd",
                  "spent_month_usd",
                  "monthly_used_share")),
          entry("tokenlens-budgets/Daily budget used", List.of("team", "daily_used_share")),
          entry(
              "tokenlens-budgets/Month-to-date spend per team",
              List.of("time", "team", "month_to_date_usd")));

  private static Map<String, JsonNode> dashboards;
  private static Map<String, String> panelSql;

  @BeforeAll
  static void loadFixturesAndDashboards(StackScope stack) throws Exception {
    // the incident fixtures bring the 20 merged PRs a cost percentile needs, so the incident panel
    // has rows
    ReportFixtures.load(stack, "report-fixtures.sql", "incident-fixtures.sql");
    dashboards = new LinkedHashMap<>();
    panelSql = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = json.readTree(file.toFile());
        dashboards.put(dashboard.path("uid").asText(), dashboard);
        for (JsonNode panel : panels(dashboard)) {
          for (JsonNode target : panel.path("targets")) {
            panelSql.put(
                dashboard.path("uid").asText() + "/" + panel.path("title").asText(),
                target.path("rawSql").asText());
          }
        }
      }
    }
  }

  /** Every panel, including those inside collapsed rows. */
  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      out.add(panel);
      panel.path("panels").forEach(out::add);
    }
    return out;
  }

  private static GrafanaMacros macros(List<String> teams) {
    Instant from =
        LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
    return new GrafanaMacros(from, to, 3600, Map.of("team", teams));
  }

  @Test
  void shouldProvideTheFiveDashboardsOfTheSpec() {
    assertThat(dashboards)
        .containsOnlyKeys(
            "tokenlens-leaderboard",
            "tokenlens-waste",
            "tokenlens-cost-per-pr",
            "tokenlens-alerts",
            "tokenlens-budgets");
    assertThat(panelSql.keySet())
        .as("panels with SQL, and the columns this test expects of them")
        .containsExactlyInAnyOrderElementsOf(EXPECTED_COLUMNS.keySet());
  }

  @Test
  void shouldQueryOnlyTheProvisionedClickHouseDatasource() throws IOException {
    Map<String, Object> datasource;
    try (Reader reader = Files.newBufferedReader(DATASOURCES)) {
      Map<String, Object> file = new Yaml().load(reader);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) file.get("datasources");
      assertThat(list).hasSize(1);
      datasource = list.get(0);
    }
    assertThat(datasource).containsEntry("type", "grafana-clickhouse-datasource");
    for (JsonNode dashboard : dashboards.values()) {
      List<JsonNode> sources = new ArrayList<>();
      for (JsonNode panel : panels(dashboard)) {
        sources.add(panel.path("datasource"));
        panel.path("targets").forEach(t -> sources.add(t.path("datasource")));
      }
      dashboard.path("templating").path("list").forEach(v -> sources.add(v.path("datasource")));
      assertThat(sources)
          .as(dashboard.path("uid").asText())
          .allSatisfy(
              ds -> {
                assertThat(ds.path("type").asText()).isEqualTo(datasource.get("type"));
                assertThat(ds.path("uid").asText()).isEqualTo(datasource.get("uid"));
              });
    }
  }

  @Test
  void shouldRunEveryPanelForAllTeamsWithTheExpectedColumnsAndRows(StackScope stack)
      throws Exception {
    try (ClickHouseQueries queries = new ClickHouseQueries(ReportFixtures.config(stack))) {
      for (Map.Entry<String, String> panel : panelSql.entrySet()) {
        ResultTable result =
            run(queries, panel.getKey(), macros(List.of()).expand(panel.getValue()));
        assertThat(result.columns())
            .as(panel.getKey())
            .containsExactlyElementsOf(EXPECTED_COLUMNS.get(panel.getKey()));
        assertThat(result.rows())
            .as("rows of " + panel.getKey() + " over the fixture rows")
            .isNotEmpty();
      }
    }
  }

  @Test
  void shouldRunEveryPanelForOneTeam(StackScope stack) throws Exception {
    try (ClickHouseQueries queries = new ClickHouseQueries(ReportFixtures.config(stack))) {
      for (Map.Entry<String, String> panel : panelSql.entrySet()) {
        ResultTable result =
            run(queries, panel.getKey(), macros(List.of("platform")).expand(panel.getValue()));
        assertThat(result.columns())
            .as(panel.getKey())
            .containsExactlyElementsOf(EXPECTED_COLUMNS.get(panel.getKey()));
        if (result.columns().contains("team")) {
          assertThat(result.column("team")).as(panel.getKey()).allMatch("platform"::equals);
        }
      }
      ResultTable teams =
          run(
              queries,
              "leaderboard/teams",
              macros(List.of())
                  .expand(panelSql.get("tokenlens-leaderboard/Teams: value per token")));
      assertThat(teams.column("team")).containsExactly("payments", "search", "platform");
    }
  }

  @Test
  void shouldListTheTeamsInTheTeamVariable(StackScope stack) throws Exception {
    try (ClickHouseQueries queries = new ClickHouseQueries(ReportFixtures.config(stack))) {
      for (JsonNode dashboard : dashboards.values()) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
          assertThat(variable.path("name").asText()).isEqualTo("team");
          assertThat(queries.query(variable.path("query").asText(), Map.of()).column("team"))
              .containsExactly("payments", "platform", "search");
        }
      }
    }
  }

  private static ResultTable run(ClickHouseQueries queries, String panel, String sql) {
    try {
      return queries.query(sql, Map.of());
    } catch (QueryFailedException e) {
      throw new AssertionError("panel " + panel + " failed: " + e.getMessage() + "\n" + sql, e);
    }
  }
}
