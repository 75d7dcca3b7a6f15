package io.tokenlens.streams.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.avro.WastePattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Notifications notifications = new Notifications(1.0, 2.0);

  private static WasteFinding loop(long version, double usd) {
    return OutputRecords.aLoopingAgentFinding()
        .setVersion(version)
        .setEstimatedWastedCostUsd(usd)
        .build();
  }

  @Test
  void aGrowingFindingIsNotifiedFromTheMinimumAndAgainOnlyEachTimeItsCostDoubles() {
    double[] costs = {0.4, 0.9, 1.2, 1.5, 1.9, 2.1, 3.9, 4.0, 4.5, 9.0};
    Set<String> deliveries = new LinkedHashSet<>();
    List<String> titles = new ArrayList<>();
    for (int v = 0; v < costs.length; v++) {
      Notification n = notifications.of(loop(v + 1, costs[v]));
      if (n != null && deliveries.add(n.deliveryId())) {
        titles.add(n.title());
      }
    }
    String id = loop(1, 1).getFindingId();
    assertThat(deliveries).containsExactly(id + "#0", id + "#1", id + "#2", id + "#3");
    assertThat(titles.get(0)).isEqualTo("Looping agent: engineer " + loop(1, 1).getEngineerId());
    assertThat(titles.get(1)).startsWith("Looping agent (grown): ");
  }

  @Test
  void aFindingIsRateLimitedByItsEngineerAndAnUnapprovedMergeWithoutOneByItsTeam() {
    WasteFinding merge =
        WasteFinding.newBuilder(loop(1, 5))
            .setFindingId("UNAPPROVED_AI_HEAVY_MERGE:acme/x#7")
            .setPattern(WastePattern.UNAPPROVED_AI_HEAVY_MERGE)
            .setEngineerId(null)
            .setTeam("payments")
            .setPullRequestNumber(7L)
            .setRepository("acme/x")
            .build();
    Notification n = notifications.of(merge);
    assertThat(notifications.of(loop(1, 5)).subject())
        .isEqualTo("ENGINEER:" + loop(1, 5).getEngineerId());
    assertThat(n.subject()).isEqualTo("TEAM:payments");
    assertThat(n.fields())
        .containsEntry("Repository", "acme/x #7")
        .containsEntry("Estimated waste", "$5.00");
    assertThat(n.evidence())
        .isEqualTo(
            "./tokenlens sql \"SELECT * FROM waste_findings FINAL WHERE finding_id = "
                + "'UNAPPROVED_AI_HEAVY_MERGE:acme/x#7'\"");
  }

  @Test
  void bothFormatsCarryTheMessageTheIdAndTheEvidenceQuery() throws Exception {
    Notification alert =
        Notifications.of(OutputRecords.aDailyBudgetWarning().build()).withSuppressed(3);

    JsonNode slack = JSON.readTree(SlackMessage.body(alert));
    assertThat(slack.get("text").asText()).isEqualTo(alert.text());
    assertThat(slack.get("blocks").get(0).get("text").get("text").asText())
        .isEqualTo("80% of AI budget reached: team " + alert.subject().substring("TEAM:".length()));
    assertThat(slack.toString())
        .contains(
            "*Budget*\\n$100.00",
            "3 earlier notifications about " + alert.subject(),
            "SELECT * FROM burn_alerts WHERE alert_id = '" + alert.id() + "'");

    JsonNode json = JSON.readTree(JsonMessage.body(alert));
    assertThat(json.get("source").asText()).isEqualTo("alert");
    assertThat(json.get("kind").asText()).isEqualTo("BUDGET_80_PERCENT");
    assertThat(json.get("id").asText()).isEqualTo(alert.id());
    assertThat(json.get("fields").get("Budget").asText()).isEqualTo("$100.00");
    assertThat(json.get("evidence").asText()).isEqualTo(alert.evidence());
    assertThat(json.get("suppressed").asInt()).isEqualTo(3);
  }

  @Test
  void aSubjectGetsAtMostTheLimitPerPeriodAndItsNextNotificationTellsHowManyWereHeldBack() {
    SubjectRateLimit limit = new SubjectRateLimit(2, Duration.ofHours(1));
    Instant t = Instant.parse("2026-03-02T12:00:00Z");
    assertThat(limit.take("ENGINEER:a", t)).isZero();
    assertThat(limit.take("ENGINEER:a", t.plusSeconds(60))).isZero();
    assertThat(limit.take("ENGINEER:a", t.plusSeconds(120))).isEqualTo(-1);
    assertThat(limit.take("ENGINEER:a", t.plusSeconds(180))).isEqualTo(-1);
    assertThat(limit.take("ENGINEER:b", t.plusSeconds(180)))
        .isZero(); // another subject has its own budget
    assertThat(limit.suppressed()).isEqualTo(2);

    assertThat(limit.take("ENGINEER:a", t.plus(Duration.ofHours(1)))).isEqualTo(2); // a new period
    assertThat(limit.take("ENGINEER:a", t.plus(Duration.ofMinutes(61)))).isZero();
    assertThat(new SubjectRateLimit(0, Duration.ofHours(1)).take("ENGINEER:a", t)).isZero();
  }
}
