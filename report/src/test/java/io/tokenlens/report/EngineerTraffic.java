package io.tokenlens.report;

import io.tokenlens.fixtures.AgentActivities;
import io.tokenlens.fixtures.CodePushes;
import io.tokenlens.fixtures.DirectoryEntries;
import io.tokenlens.fixtures.Incidents;
import io.tokenlens.fixtures.OutputRecords;
import io.tokenlens.fixtures.PullRequestReviews;
import io.tokenlens.fixtures.PullRequests;
import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.AlertKind;
import io.tokenlens.schemas.avro.BudgetPeriod;
import io.tokenlens.schemas.avro.IdentityKind;
import io.tokenlens.schemas.avro.SubjectKind;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.schemas.avro.WastePattern;
import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the pipeline writes about one engineer on every topic the sink stores: directory entries
 * (email, user id, login, engineer, budget), enriched and raw token usage, agent activity, metrics,
 * a provider bucket, a rollup, their pull request (named by login only, as webhooks do), a review
 * of the colleague's pull request, a push, a waste finding, an attribution shared with the
 * colleague, a budget alert and a late record whose payload is their usage.
 *
 * @param engineerId engineer id
 * @param email email
 * @param userId telemetry user id
 * @param login GitHub login
 * @param displayName the directory's name
 * @param prNumber their pull request's number in {@value #REPOSITORY}
 * @param colleague the other engineer's id (attribution)
 * @param colleagueLogin the other engineer's login (the pull request this one reviews)
 */
record EngineerTraffic(
    String engineerId,
    String email,
    String userId,
    String login,
    String displayName,
    long prNumber,
    String colleague,
    String colleagueLogin) {

  static final String REPOSITORY = "acme/app";
  static final String TEAM = "team-a";
  static final String SERVICE = "svc-app";

  /** The identity values a search of the database must not find after the engineer's erasure. */
  List<String> needles() {
    return List.of(email, userId, login, engineerId, displayName);
  }

  /** Records per topic, at {@code t} (recent, inside every table's TTL). */
  Map<Topic<?>, List<? extends SpecificRecord>> records(
      Instant t, Function<TokenUsage, byte[]> avro) {
    String session = "sess-" + Long.toHexString(0x7f3a00L + prNumber);
    Map<Topic<?>, List<? extends SpecificRecord>> records = new LinkedHashMap<>();
    records.put(
        Topics.DIRECTORY,
        List.of(
            DirectoryEntries.anIdentity(IdentityKind.EMAIL, email, engineerId).updatedAt(t).build(),
            DirectoryEntries.anIdentity(IdentityKind.USER_ID, userId, engineerId)
                .updatedAt(t)
                .build(),
            DirectoryEntries.anIdentity(IdentityKind.SCM_LOGIN, login, engineerId)
                .updatedAt(t)
                .build(),
            DirectoryEntries.anEngineer(engineerId, TEAM)
                .displayName(displayName)
                .updatedAt(t)
                .build(),
            DirectoryEntries.anEngineerBudget(engineerId, 50.0, 900.0).updatedAt(t).build()));
    TokenUsage usage =
        TokenUsages.aRequest()
            .at(t)
            .engineer(engineerId)
            .team(TEAM)
            .email(email)
            .userId(userId)
            .session(session)
            .repo(REPOSITORY, "feature/" + prNumber)
            .computedCost(1.25)
            .build();
    records.put(
        Topics.TOKEN_USAGE_ENRICHED,
        List.of(
            usage,
            TokenUsages.aRequest()
                .at(t.plusSeconds(30))
                .engineer(engineerId)
                .team(TEAM)
                .email(email)
                .userId(userId)
                .session(session)
                .computedCost(0.75)
                .build()));
    records.put(
        Topics.TOKEN_USAGE,
        List.of(
            TokenUsages.aRequest()
                .at(t)
                .unresolved()
                .email(email.toUpperCase(java.util.Locale.ROOT))
                .userId(userId)
                .session(session)
                .build()));
    records.put(
        Topics.AGENT_ACTIVITY,
        List.of(
            AgentActivities.aUserPrompt()
                .at(t)
                .engineer(engineerId)
                .team(TEAM)
                .email(email)
                .session(session)
                .build()));
    records.put(
        Topics.USAGE_METRICS,
        List.of(
            OutputRecords.aTokenUsageMetric()
                .setOccurredAt(t)
                .setAcceptedAt(t)
                .setIntervalStart(t.minusSeconds(60))
                .setUserEmail(email)
                .setEngineerId(engineerId)
                .setSessionId(session)
                .setAttributes(Map.of("user.email", email))
                .build()));
    records.put(
        Topics.PROVIDER_USAGE,
        List.of(
            OutputRecords.anAnthropicUsageBucket()
                .setEventId("openai:" + t + ":" + email)
                .setBucketStart(t)
                .setBucketEnd(t.plus(Duration.ofHours(1)))
                .setUserEmail(email)
                .setUserId(userId)
                .build()));
    records.put(
        Topics.USAGE_ROLLUPS,
        List.of(
            OutputRecords.aMinuteRollup()
                .setDimensionValue(engineerId)
                .setWindowStart(t)
                .setWindowEnd(t.plusSeconds(60))
                .build()));
    records.put(
        Topics.PR_EVENTS,
        List.of(
            PullRequests.anOpenedPr()
                .at(t)
                .repository(REPOSITORY)
                .number(prNumber)
                .author(login)
                .branch("feature/" + prNumber)
                .build(),
            PullRequests.aMergedPr()
                .merged(t.plus(Duration.ofHours(2)))
                .repository(REPOSITORY)
                .number(prNumber)
                .author(login)
                .branch("feature/" + prNumber)
                .build()));
    records.put(
        Topics.PR_REVIEWS,
        List.of(
            PullRequestReviews.anApproval()
                .at(t.plus(Duration.ofHours(1)))
                .pullRequest(REPOSITORY, prNumber == 1 ? 2 : 1)
                .reviewer(login)
                .author(colleagueLogin)
                .build()));
    records.put(
        Topics.CODE_PUSHES,
        List.of(
            CodePushes.aPush()
                .at(t)
                .branch(REPOSITORY, "feature/" + prNumber)
                .pusher(login)
                .with(p -> p.setCommitAuthorEmails(List.of(email, "ci@acme.example")))
                .build()));
    records.put(
        Topics.INCIDENT_EVENTS,
        List.of(
            Incidents.aTriggeredIncident()
                .incidentId("INC-" + prNumber)
                .service(SERVICE)
                .triggeredAt(t.plus(Duration.ofHours(3)))
                .linksTo(REPOSITORY, prNumber)
                .build()));
    // a per-engineer pattern: its finding id names the engineer, as the streams detectors make it
    records.put(
        Topics.WASTE_FINDINGS,
        List.of(
            OutputRecords.aLoopingAgentFinding()
                .setPattern(WastePattern.OVERNIGHT_PADDING)
                .setFindingId("OVERNIGHT_PADDING:" + engineerId + "@" + t.toEpochMilli())
                .setEngineerId(engineerId)
                .setTeam(TEAM)
                .setSessionId(session)
                .setWindowStart(t)
                .setWindowEnd(t.plus(Duration.ofMinutes(10)))
                .build()));
    records.put(
        Topics.PR_ATTRIBUTION,
        List.of(
            OutputRecords.aMergedPrAttribution()
                .setRepository(REPOSITORY)
                .setNumber(prNumber)
                .setAuthorEngineerId(engineerId)
                .setTeam(TEAM)
                .setEngineers(2L)
                .setEngineerIds(List.of(engineerId, colleague))
                .setMergedAt(t.plus(Duration.ofHours(2)))
                .build()));
    records.put(
        Topics.INCIDENT_LINKS,
        List.of(
            OutputRecords.anExplicitIncidentLink()
                .setLinkId("PAGERDUTY:INC-" + prNumber + ":" + REPOSITORY + "#" + prNumber)
                .setIncidentId("INC-" + prNumber)
                .setRepository(REPOSITORY)
                .setNumber(prNumber)
                .setIncidentTriggeredAt(t.plus(Duration.ofHours(3)))
                .build()));
    records.put(
        Topics.BURN_ALERTS,
        List.of(
            OutputRecords.aDailyBudgetWarning()
                .setAlertId("BUDGET_80_PERCENT:ENGINEER:" + engineerId)
                .setKind(AlertKind.BUDGET_80_PERCENT)
                .setSubjectKind(SubjectKind.ENGINEER)
                .setSubjectId(engineerId)
                .setTeam(TEAM)
                .setBudgetPeriod(BudgetPeriod.DAILY)
                .setRaisedAt(t)
                .setMessage(engineerId + " has spent $41 of $50")
                .build()));
    records.put(
        Topics.LATE_RECORDS,
        List.of(
            OutputRecords.aLateRecord()
                .setEventId(usage.getEventId())
                .setKey(session)
                .setEventTime(t)
                .setObservedAt(t)
                .setStreamTime(t)
                .setPayload(ByteBuffer.wrap(avro.apply(usage)))
                .build()));
    return records;
  }
}
