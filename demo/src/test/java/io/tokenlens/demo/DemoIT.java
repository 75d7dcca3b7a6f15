package io.tokenlens.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.localstack.ServiceSettings;
import io.tokenlens.localstack.ServiceSupervisor;
import io.tokenlens.localstack.StackSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's stages at a tiny size on a private stack (free ports, its own data directory, like
 * {@code LocalStackIT}): the stack, the ingest, streams and sink services as background processes,
 * the prices, the simulation through the collectors, the drain, the notifications (the team budgets
 * raising exactly the alerts they were sized for, delivered to the demo's receiver), the planted
 * uninstrumented spend and usage profiles found by their rules; then a second run on the same stack
 * without stopping anything.
 */
class DemoIT {
  @TempDir Path dataDir;
  private StackSettings stack;
  private ServiceSettings ports;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void stopEverything() throws IOException {
    if (stack != null) {
      new PrivateStack(stack, ports).down();
    }
  }

  @Test
  void shouldLandASimulatedOrganisationInClickHouseAndRunAgainOnTheSameStack() throws Exception {
    PrivateStack privateStack = PrivateStack.in(dataDir);
    stack = privateStack.stack();
    ports = privateStack.ports();
    DemoOptions options =
        DemoOptions.parse(
            new String[] {
              "--engineers",
              "6",
              "--teams",
              "3",
              "--days",
              "2",
              "--end",
              lastWeekdayEvening().toString(),
              "--quiet-seconds",
              "5",
              "--settle-seconds",
              "0",
              "--max-wait-seconds",
              "600",
              "--uninstrumented-rate",
              "0.5"
            });

    boolean first = run(options);

    assertThat(first).as("drained, nothing refused:%n%s", output()).isTrue();
    assertThat(output())
        .contains(
            "[1/6] stack",
            "[2/6] services",
            "[3/6] prices",
            "[4/6] simulation",
            "[5/6] drain",
            "[6/6] notify",
            "stage times:");
    Map<String, String> expected = budgetExpectations();
    assertThat(expected.values()).containsExactlyInAnyOrder("exhausted", "warned", "quiet");
    for (Map.Entry<String, String> team : expected.entrySet()) {
      List<String> kinds = teamAlertKinds(team.getKey());
      switch (team.getValue()) {
        case "exhausted" ->
            assertThat(kinds)
                .as(team.toString())
                .containsExactlyInAnyOrder("BUDGET_80_PERCENT", "BUDGET_100_PERCENT");
        case "warned" -> assertThat(kinds).as(team.toString()).containsExactly("BUDGET_80_PERCENT");
        default -> assertThat(kinds).as(team.toString()).isEmpty();
      }
    }
    Matcher burn = Pattern.compile("planted burn: (team-\\d+) at (\\S+) ").matcher(output());
    assertThat(burn.find()).as("a burst was planted:%n%s", output()).isTrue();
    assertThat(anomalousTeamHours())
        .as("the planted burst is the only anomalous team hour")
        .containsExactly(burn.group(1) + " " + Instant.parse(burn.group(2)));
    Path notifications = dataDir.resolve("demo/notifications.jsonl");
    assertThat(Files.readString(notifications)).contains("BUDGET_100_PERCENT:TEAM:");
    assertThat(output()).containsPattern("notifications: [1-9][0-9]* delivered to the webhook");
    assertFoundExactlyThePlanted(
        "spend coverage: (\\d+) days and providers with uninstrumented spend planted, (\\d+)"
            + " found by spend_coverage, (\\d+) of them planted",
        "spend_coverage");
    assertPlantedUsageFound("low adoption", "listed by the adoption section");
    assertPlantedUsageFound(
        "heavy low-output", "in the heaviest tier with under half the median tier's merged PRs");
    Matcher reverted =
        assertFoundExactlyThePlanted(
            "reverted PRs: (\\d+) planted, (\\d+) found by pr_outcomes, (\\d+) of them planted,"
                + " 0 reverted only on a revert branch",
            "pr_outcomes");
    assertThat(Integer.parseInt(reverted.group(1))).as("reverts planted").isPositive();
    assertThat(count("provider_usage")).isPositive();
    long usage = count("token_usage");
    assertThat(usage).as("enriched token usage landed").isPositive();
    assertThat(count("token_usage_raw")).isPositive();
    assertThat(count("pull_requests")).isPositive();
    assertThat(count("model_prices")).isPositive();
    assertThat(ServiceSupervisor.forStatus(stack, ports).status())
        .allSatisfy(s -> assertThat(s.state()).isEqualTo("running"));

    out.reset();
    boolean second = run(options);

    assertThat(second).as("the rerun drains too:%n%s", output()).isTrue();
    assertThat(output()).contains("already running", "replaying the last demo run");
    assertThat(count("token_usage"))
        .as("the replayed events are deduplicated by event id")
        .isEqualTo(usage);
  }

  private boolean run(DemoOptions options) throws Exception {
    return new DemoRun(
            stack,
            ports,
            options,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.systemUTC())
        .run();
  }

  /**
   * The score line {@code regex} matches (planted, found, found and planted) says that {@code rule}
   * found the planted cases and nothing else.
   */
  private Matcher assertFoundExactlyThePlanted(String regex, String rule) {
    Matcher score = Pattern.compile(regex).matcher(output());
    assertThat(score.find()).as("the %s score:%n%s", rule, output()).isTrue();
    assertThat(List.of(score.group(2), score.group(3)))
        .as("%s finds exactly the planted", rule)
        .containsOnly(score.group(1));
    return score;
  }

  /**
   * 23:00 UTC of the latest Tuesday to Friday before now: two simulated weekdays, in which each
   * team's timezone has a working day, the second compared with the first for the burn.
   */
  /** Every planted engineer of the profile is among the findings of its rule. */
  private void assertPlantedUsageFound(String profile, String finding) {
    Matcher score =
        Pattern.compile(
                Pattern.quote(profile)
                    + ": (\\d+) engineers planted, (\\d+) "
                    + Pattern.quote(finding)
                    + ", (\\d+) of them planted")
            .matcher(output());
    assertThat(score.find()).as("the %s score:%n%s", profile, output()).isTrue();
    assertThat(Integer.parseInt(score.group(1))).as("%s planted", profile).isPositive();
    assertThat(score.group(3))
        .as("every planted %s engineer found", profile)
        .isEqualTo(score.group(1));
  }

  private static Instant lastWeekdayEvening() {
    Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(1));
    while (end.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() > 5
        || end.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() < 2) {
      end = end.minus(Duration.ofDays(1));
    }
    return end;
  }

  /** The team hours that raised ANOMALOUS_BURN, as {@code <team> <hour start>}. */
  private List<String> anomalousTeamHours() throws Exception {
    List<String> hours = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(stack.clickhouseJdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT subject_id, toUnixTimestamp64Milli(window_start) FROM burn_alerts"
                    + " WHERE subject_kind = 'TEAM' AND kind = 'ANOMALOUS_BURN'")) {
      while (rs.next()) {
        hours.add(rs.getString(1) + " " + Instant.ofEpochMilli(rs.getLong(2)));
      }
    }
    return hours;
  }

  /** Team to expectation, from the simulation's {@code team budgets:} line. */
  private Map<String, String> budgetExpectations() {
    Map<String, String> expected = new HashMap<>();
    Matcher m = Pattern.compile("(team-\\d+) \\$[0-9.]+/day \\((\\w+)\\)").matcher(output());
    while (m.find()) {
      expected.put(m.group(1), m.group(2));
    }
    return expected;
  }

  /** The kinds of the daily alerts raised for a team. */
  private List<String> teamAlertKinds(String team) throws Exception {
    List<String> kinds = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(stack.clickhouseJdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DISTINCT kind FROM burn_alerts WHERE subject_kind = 'TEAM' AND"
                    + " subject_id = '"
                    + team
                    + "' AND budget_period = 'DAILY'")) {
      while (rs.next()) {
        kinds.add(rs.getString(1));
      }
    }
    return kinds;
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private long count(String table) throws Exception {
    try (Connection c = DriverManager.getConnection(stack.clickhouseJdbcUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
