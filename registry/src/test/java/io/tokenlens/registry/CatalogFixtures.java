package io.tokenlens.registry;

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
import io.tokenlens.schemas.avro.AgentActivity;
import io.tokenlens.schemas.avro.BurnAlert;
import io.tokenlens.schemas.avro.CodePush;
import io.tokenlens.schemas.avro.DeadLetter;
import io.tokenlens.schemas.avro.DirectoryEntry;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.avro.IncidentLink;
import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.ModelPrice;
import io.tokenlens.schemas.avro.PrAttribution;
import io.tokenlens.schemas.avro.ProviderUsage;
import io.tokenlens.schemas.avro.PullRequestEvent;
import io.tokenlens.schemas.avro.PullRequestReview;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.UsageMetric;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.avro.WasteFinding;
import io.tokenlens.schemas.topics.Topic;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * One valid value per value type of the topic catalog, built with the test kit's fixtures. A topic
 * whose value type has no entry here fails the contract tests with a message saying what to add.
 */
final class CatalogFixtures {
  private static final Map<Class<? extends SpecificRecord>, Supplier<? extends SpecificRecord>>
      BY_TYPE =
          Map.ofEntries(
              Map.entry(
                  TokenUsage.class,
                  () ->
                      TokenUsages.aRequest()
                          .engineer(Fixtures.ENGINEER)
                          .team(Fixtures.TEAM)
                          .build()),
              Map.entry(AgentActivity.class, () -> AgentActivities.aUserPrompt().build()),
              Map.entry(PullRequestEvent.class, () -> PullRequests.aMergedPr().build()),
              Map.entry(PullRequestReview.class, () -> PullRequestReviews.anApproval().build()),
              Map.entry(CodePush.class, () -> CodePushes.aPush().build()),
              Map.entry(IncidentEvent.class, () -> Incidents.aTriggeredIncident().build()),
              Map.entry(
                  DirectoryEntry.class,
                  () -> DirectoryEntries.anEngineer(Fixtures.ENGINEER, Fixtures.TEAM).build()),
              Map.entry(ModelPrice.class, () -> ModelPrices.aPrice().build()),
              Map.entry(UsageMetric.class, () -> OutputRecords.aTokenUsageMetric().build()),
              Map.entry(ProviderUsage.class, () -> OutputRecords.anAnthropicUsageBucket().build()),
              Map.entry(UsageRollup.class, () -> OutputRecords.aMinuteRollup().build()),
              Map.entry(WasteFinding.class, () -> OutputRecords.aLoopingAgentFinding().build()),
              Map.entry(PrAttribution.class, () -> OutputRecords.aMergedPrAttribution().build()),
              Map.entry(IncidentLink.class, () -> OutputRecords.anExplicitIncidentLink().build()),
              Map.entry(BurnAlert.class, () -> OutputRecords.aDailyBudgetWarning().build()),
              Map.entry(DeadLetter.class, () -> OutputRecords.aDeadLetter().build()),
              Map.entry(LateRecord.class, () -> OutputRecords.aLateRecord().build()));

  private CatalogFixtures() {}

  /** A fresh valid value of {@code topic}'s value type. */
  static <V extends SpecificRecord> V valueOf(Topic<V> topic) {
    Supplier<? extends SpecificRecord> fixture = BY_TYPE.get(topic.valueType());
    if (fixture == null) {
      throw new IllegalStateException(
          "no fixture for "
              + topic.valueType().getName()
              + " (the value type of topic "
              + topic.name()
              + "): add one to "
              + CatalogFixtures.class.getSimpleName()
              + ", built with io.tokenlens.fixtures");
    }
    return topic.valueType().cast(fixture.get());
  }
}
