package io.tokenlens.sink;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.CodePushes;
import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.Fixtures;
import io.tokenlens.fixtures.Incidents;
import io.tokenlens.fixtures.ModelPrices;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.fixtures.PullRequestReviews;
import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Fixture records of every topic the sink writes, from the fixtures module's builders. */
final class CatalogFixtures {

  private CatalogFixtures() {}

  /**
   * Per sunk topic, records that fill its fields in different ways (nulls, maps, arrays, nested
   * records).
   */
  static Map<Topic<?>, List<? extends SpecificRecord>> byTopic() {
    Map<Topic<?>, List<? extends SpecificRecord>> out = new LinkedHashMap<>();
    List<SpecificRecord> usages =
        List.of(
            TokenUsages.aRequest().build(),
            TokenUsages.aFailedRequest(3).build(),
            TokenUsages.aRequest()
                .unresolved()
                .email("zoë@example.com")
                .computedCost(Double.NaN)
                .build());
    out.put(Topics.TOKEN_USAGE_ENRICHED, usages);
    out.put(Topics.TOKEN_USAGE, usages);
    out.put(
        Topics.AGENT_ACTIVITY,
        List.of(
            AgentActivities.aUserPrompt().build(),
            AgentActivities.aToolResult().build(),
            AgentActivities.anAcceptedEdit().build(),
            AgentActivities.aRejectedEdit().build()));
    out.put(
        Topics.PR_EVENTS,
        List.of(
            PullRequests.anOpenedPr().build(),
            PullRequests.aMergedPr().build(),
            PullRequests.aClosedPr().commits("c1", "c2", "c3").build()));
    out.put(
        Topics.PR_REVIEWS,
        List.of(
            PullRequestReviews.anApproval().build(), PullRequestReviews.aChangeRequest().build()));
    out.put(Topics.CODE_PUSHES, List.of(CodePushes.aPush().build()));
    out.put(
        Topics.INCIDENT_EVENTS,
        List.of(Incidents.aTriggeredIncident().build(), Incidents.aResolvedIncident().build()));
    out.put(
        Topics.DIRECTORY,
        List.of(
            DirectoryEntries.anEmailIdentity(Fixtures.ENGINEER).build(),
            DirectoryEntries.anIdentity(IdentityKind.SCM_LOGIN, "octo", Fixtures.ENGINEER).build(),
            DirectoryEntries.anEngineer(Fixtures.ENGINEER, Fixtures.TEAM).build(),
            DirectoryEntries.anEngineer("eng-0002", Fixtures.TEAM).workdays(1, 2, 3, 4, 5).build(),
            DirectoryEntries.aRepository(Fixtures.REPOSITORY, Fixtures.SERVICE).build(),
            DirectoryEntries.aTeamBudget(Fixtures.TEAM, 100.0, null).build()));
    out.put(Topics.MODEL_PRICES, ModelPrices.fixturePrices());
    out.put(Topics.USAGE_METRICS, List.of(OutputRecords.aTokenUsageMetric().build()));
    out.put(Topics.PROVIDER_USAGE, List.of(OutputRecords.anAnthropicUsageBucket().build()));
    out.put(Topics.USAGE_ROLLUPS, List.of(OutputRecords.aMinuteRollup().build()));
    out.put(Topics.WASTE_FINDINGS, List.of(OutputRecords.aLoopingAgentFinding().build()));
    out.put(Topics.PR_ATTRIBUTION, List.of(OutputRecords.aMergedPrAttribution().build()));
    out.put(Topics.INCIDENT_LINKS, List.of(OutputRecords.anExplicitIncidentLink().build()));
    out.put(Topics.BURN_ALERTS, List.of(OutputRecords.aDailyBudgetWarning().build()));
    out.put(Topics.LATE_RECORDS, List.of(OutputRecords.aLateRecord().build()));
    return out;
  }

  /** The record's key as its topic derives it. */
  @SuppressWarnings("unchecked")
  static String keyOf(Topic<?> topic, SpecificRecord value) {
    return ((Topic<SpecificRecord>) topic).key(value);
  }
}
