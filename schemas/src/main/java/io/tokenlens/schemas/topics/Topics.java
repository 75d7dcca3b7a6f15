package io.tokenlens.schemas.topics;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topic catalog: every topic of the pipeline, declared once. Constants are immutable; the lists
 * are unmodifiable.
 */
public final class Topics {

  private static final Optional<Duration> WEEK = Optional.of(Duration.ofDays(7));
  private static final Optional<Duration> DEAD_LETTER_RETENTION = Optional.of(Duration.ofDays(14));
  private static final Optional<Duration> MONTH = Optional.of(Duration.ofDays(30));
  private static final Optional<Duration> PROVIDER_EXPORT_RETENTION =
      Optional.of(Duration.ofDays(35));
  private static final Optional<Duration> QUARTER = Optional.of(Duration.ofDays(90));
  private static final Optional<Duration> FOREVER = Optional.empty();

  // ------------------------------------------------------------------ inputs (written by the
  // collectors)

  public static final Topic<TokenUsage> TOKEN_USAGE =
      Topic.named("token-usage", TokenUsage.class)
          .key(
              "session id; else the raw user id, email, account id or API key id; else the event id",
              RecordKeys::tokenUsage)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(WEEK)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(
              TopicFlow.of(
                  "ingest: OTLP, `/v1/token-events`, provider imports",
                  "streams: enrichment; sink"))
          .description("One record per model request, as the collectors normalised it")
          .build();

  public static final Topic<AgentActivity> AGENT_ACTIVITY =
      Topic.named("agent-activity", AgentActivity.class)
          .key(
              "session id; else the raw user id, email or account id; else the event id",
              RecordKeys::agentActivity)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(WEEK)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("ingest: OTLP (Claude Code events)", "streams: detectors; sink"))
          .description(
              "User prompts, tool results and tool accept/reject decisions (no prompt text)")
          .build();

  public static final Topic<PullRequestEvent> PR_EVENTS =
      Topic.named("pr-events", PullRequestEvent.class)
          .key("repository (`owner/name`)", RecordKeys::pullRequestEvent)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(QUARTER)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(
              TopicFlow.of(
                  "ingest: GitHub and GitLab webhooks",
                  "streams: PR attribution, incident links; sink"))
          .description("Pull/merge request changes from GitHub, GitLab and the generic shape")
          .build();

  public static final Topic<PullRequestReview> PR_REVIEWS =
      Topic.named("pr-reviews", PullRequestReview.class)
          .key("repository (`owner/name`)", RecordKeys::pullRequestReview)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(QUARTER)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("ingest: GitHub and GitLab webhooks", "streams: detectors; sink"))
          .description("Pull-request reviews")
          .build();

  public static final Topic<CodePush> CODE_PUSHES =
      Topic.named("code-pushes", CodePush.class)
          .key("repository (`owner/name`)", RecordKeys::codePush)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(QUARTER)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("ingest: GitHub and GitLab webhooks", "streams: detectors; sink"))
          .description(
              "Commits pushed to branches (ids and authors, no messages): commit activity next to token spend")
          .build();

  public static final Topic<IncidentEvent> INCIDENT_EVENTS =
      Topic.named("incident-events", IncidentEvent.class)
          .key("service", RecordKeys::incidentEvent)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(QUARTER)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(
              TopicFlow.of(
                  "ingest: PagerDuty, Opsgenie and generic webhooks",
                  "streams: incident links; sink"))
          .description("Incidents triggered, acknowledged, resolved (PagerDuty, Opsgenie, generic)")
          .build();

  public static final Topic<DirectoryEntry> DIRECTORY =
      Topic.named("directory", DirectoryEntry.class)
          .key(
              "`identity:<KIND>:<value>`, `engineer:<id>`, `repository:<owner/name>` or `budget:<ENGINEER|TEAM>:<id>`",
              RecordKeys::directoryEntry)
          .kind(TopicKind.UPSERT)
          .cleanup(CleanupPolicy.COMPACT)
          .retention(FOREVER)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.SINGLE)
          .withDeadLetterTopic()
          .flow(
              TopicFlow.of(
                  "ingest: directory import", "streams: identity resolution (global table); sink"))
          .description("Identities, engineers, repositories and budgets; a tombstone deletes")
          .build();

  public static final Topic<ModelPrice> MODEL_PRICES =
      Topic.named("model-prices", ModelPrice.class)
          .key(
              "`<provider>/<model>@<effectiveFrom ISO-8601>`: one key per price period",
              RecordKeys::modelPrice)
          .kind(TopicKind.UPSERT)
          .cleanup(CleanupPolicy.COMPACT)
          .retention(FOREVER)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.SINGLE)
          .withDeadLetterTopic()
          .flow(
              TopicFlow.of(
                  "ingest: shipped defaults and price overrides",
                  "streams: cost (global table); sink"))
          .description("Model prices per million tokens, by effective date")
          .build();

  public static final Topic<UsageMetric> USAGE_METRICS =
      Topic.named("usage-metrics", UsageMetric.class)
          .key(
              "session id; else the raw user id, email or account id; else the event id",
              RecordKeys::usageMetric)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(WEEK)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("ingest: OTLP metrics (Claude Code)", "sink: reconciliation"))
          .description("Aggregate counters (Claude Code delta metrics); reconciliation only")
          .build();

  public static final Topic<ProviderUsage> PROVIDER_USAGE =
      Topic.named("provider-usage", ProviderUsage.class)
          .key(
              "the row id (source, bucket and grouping columns) = `eventId`",
              RecordKeys::providerUsage)
          .kind(TopicKind.UPSERT)
          .cleanup(CleanupPolicy.COMPACT_DELETE)
          .retention(PROVIDER_EXPORT_RETENTION)
          .timestamps(TimestampPolicy.ACCEPT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("ingest: provider export import", "sink: reconciliation"))
          .description(
              "Provider usage export buckets (Anthropic, OpenAI, Copilot); reconciliation only")
          .build();

  // ------------------------------------------------------------------ written by Kafka Streams

  public static final Topic<TokenUsage> TOKEN_USAGE_ENRICHED =
      Topic.named("token-usage-enriched", TokenUsage.class)
          .key("engineer id; else the raw key of `token-usage`", RecordKeys::enrichedTokenUsage)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(MONTH)
          .timestamps(TimestampPolicy.EVENT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(
              TopicFlow.of(
                  "streams: enrichment", "streams: rollups, joins, detectors, alerts; sink"))
          .description("Token usage deduplicated, with engineer, team and computed cost")
          .build();

  public static final Topic<UsageRollup> USAGE_ROLLUPS =
      Topic.named("usage-rollups", UsageRollup.class)
          .key("`<DIMENSION>:<value>@<windowStart ISO-8601>`", RecordKeys::usageRollup)
          .kind(TopicKind.UPSERT)
          .cleanup(CleanupPolicy.COMPACT_DELETE)
          .retention(MONTH)
          .timestamps(TimestampPolicy.EVENT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("streams: rollups", "sink"))
          .description("Minute rollups per engineer, team, model, tool and repository")
          .build();

  public static final Topic<WasteFinding> WASTE_FINDINGS =
      Topic.named("waste-findings", WasteFinding.class)
          .key("finding id", RecordKeys::wasteFinding)
          .kind(TopicKind.UPSERT)
          .cleanup(CleanupPolicy.COMPACT_DELETE)
          .retention(MONTH)
          .timestamps(TimestampPolicy.EVENT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("streams: detectors", "sink"))
          .description("Waste detected, with evidence and estimated cost")
          .build();

  public static final Topic<PrAttribution> PR_ATTRIBUTION =
      Topic.named("pr-attribution", PrAttribution.class)
          .key("`<owner/name>#<number>`", RecordKeys::prAttribution)
          .kind(TopicKind.UPSERT)
          .cleanup(CleanupPolicy.COMPACT)
          .retention(FOREVER)
          .timestamps(TimestampPolicy.EVENT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(
              TopicFlow.of("streams: usage ↔ PR join", "streams: incident links, detectors; sink"))
          .description("AI tokens and cost attributed to each pull request")
          .build();

  public static final Topic<IncidentLink> INCIDENT_LINKS =
      Topic.named("incident-links", IncidentLink.class)
          .key("service", RecordKeys::incidentLink)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(MONTH)
          .timestamps(TimestampPolicy.EVENT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("streams: incident ↔ PR join", "streams: detectors; sink"))
          .description("Incidents linked to pull requests, with the PR's AI cost")
          .build();

  public static final Topic<BurnAlert> BURN_ALERTS =
      Topic.named("burn-alerts", BurnAlert.class)
          .key("`<ENGINEER|TEAM>:<id>`", RecordKeys::burnAlert)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(MONTH)
          .timestamps(TimestampPolicy.EVENT_TIME)
          .sizing(PartitionSizing.STREAM)
          .withDeadLetterTopic()
          .flow(TopicFlow.of("streams: burn and budget alerts", "sink; alert webhook"))
          .description("Anomalous burn and budget guardrail alerts")
          .build();

  public static final Topic<LateRecord> LATE_RECORDS =
      Topic.named("late-records", LateRecord.class)
          .key("the late record's own key; else its source topic", RecordKeys::lateRecord)
          .kind(TopicKind.APPEND)
          .cleanup(CleanupPolicy.DELETE)
          .retention(MONTH)
          .timestamps(TimestampPolicy.EVENT_TIME)
          .sizing(PartitionSizing.SINGLE)
          .flow(TopicFlow.of("streams: late-record guards", "sink"))
          .description("Records that arrived after a window's grace period")
          .build();

  private static final List<Topic<?>> PRIMARY =
      List.of(
          TOKEN_USAGE,
          AGENT_ACTIVITY,
          PR_EVENTS,
          PR_REVIEWS,
          CODE_PUSHES,
          INCIDENT_EVENTS,
          DIRECTORY,
          MODEL_PRICES,
          USAGE_METRICS,
          PROVIDER_USAGE,
          TOKEN_USAGE_ENRICHED,
          USAGE_ROLLUPS,
          WASTE_FINDINGS,
          PR_ATTRIBUTION,
          INCIDENT_LINKS,
          BURN_ALERTS,
          LATE_RECORDS);

  private static final Map<String, Topic<DeadLetter>> DEAD_LETTER_TOPICS = deadLetterTopics();

  private static final List<Topic<?>> ALL = allTopics();

  /**
   * Topics that are joined with each other (possibly after Kafka Streams repartitions them to a
   * common key): their partition counts must be equal.
   */
  public static final List<Set<Topic<?>>> COPARTITIONED =
      List.of(
          Set.of(TOKEN_USAGE, AGENT_ACTIVITY, USAGE_METRICS),
          Set.of(TOKEN_USAGE_ENRICHED, PR_EVENTS, PR_REVIEWS, CODE_PUSHES, PR_ATTRIBUTION),
          Set.of(INCIDENT_EVENTS, PR_ATTRIBUTION, INCIDENT_LINKS, PR_EVENTS));

  private Topics() {}

  /** Every topic: the primary topics in catalog order, then their dead-letter topics. */
  public static List<Topic<?>> all() {
    return ALL;
  }

  /** The topics that are not dead-letter topics. */
  public static List<Topic<?>> primary() {
    return PRIMARY;
  }

  /** The dead-letter topic of {@code topic}, if it has one. */
  public static Optional<Topic<DeadLetter>> deadLetterTopic(Topic<?> topic) {
    return Optional.ofNullable(DEAD_LETTER_TOPICS.get(topic.name()));
  }

  /** The topic with this base name. */
  public static Optional<Topic<?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The topic with this base name, typed; fails when the value type differs. */
  public static <V extends SpecificRecord> Topic<V> byName(String name, Class<V> valueType) {
    Topic<?> topic =
        byName(name).orElseThrow(() -> new IllegalArgumentException("No topic named " + name));
    if (!topic.valueType().equals(valueType)) {
      throw new IllegalArgumentException(
          "Topic "
              + name
              + " carries "
              + topic.valueType().getSimpleName()
              + ", not "
              + valueType.getSimpleName());
    }
    @SuppressWarnings("unchecked")
    Topic<V> typed = (Topic<V>) topic;
    return typed;
  }

  private static Map<String, Topic<DeadLetter>> deadLetterTopics() {
    Map<String, Topic<DeadLetter>> byPrimary = new LinkedHashMap<>();
    for (Topic<?> topic : PRIMARY) {
      if (topic.hasDeadLetterTopic()) {
        byPrimary.put(
            topic.name(),
            Topic.named(topic.deadLetterName(), DeadLetter.class)
                .key("the failed record's key; else the failing component", RecordKeys::deadLetter)
                .kind(TopicKind.APPEND)
                .cleanup(CleanupPolicy.DELETE)
                .retention(DEAD_LETTER_RETENTION)
                .timestamps(TimestampPolicy.EVENT_TIME)
                .sizing(PartitionSizing.SINGLE)
                .flow(
                    TopicFlow.of(
                        "whichever stage failed to process a record of `" + topic.name() + "`",
                        "operators (replay after a fix); sink"))
                .description("Dead letters of `" + topic.name() + "`")
                .build());
      }
    }
    return Collections.unmodifiableMap(byPrimary);
  }

  private static List<Topic<?>> allTopics() {
    List<Topic<?>> all = new ArrayList<>();
    for (Topic<?> topic : PRIMARY) {
      all.add(topic);
    }
    all.addAll(DEAD_LETTER_TOPICS.values());
    return List.copyOf(all);
  }
}
