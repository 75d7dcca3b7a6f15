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
 * The topic catalog: every topic of the pipeline, declared once. Constants are immutable; the lists are
 * unmodifiable.
 */
public final class Topics {

  private static final Optional<Duration> WEEK = Optional.of(Duration.ofDays(7));
  private static final Optional<Duration> DEAD_LETTER_RETENTION = Optional.of(Duration.ofDays(14));
  private static final Optional<Duration> MONTH = Optional.of(Duration.ofDays(30));
  private static final Optional<Duration> PROVIDER_EXPORT_RETENTION = Optional.of(Duration.ofDays(35));
  private static final Optional<Duration> QUARTER = Optional.of(Duration.ofDays(90));
  private static final Optional<Duration> FOREVER = Optional.empty();

  // ------------------------------------------------------------------ inputs (written by the collectors)

  public static final Topic<TokenUsage> TOKEN_USAGE = new Topic<>("token-usage", TokenUsage.class,
      "session id; else the raw user id, email, account id or API key id; else the event id",
      RecordKeys::tokenUsage, TopicKind.APPEND, CleanupPolicy.DELETE, WEEK, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: OTLP, `/v1/token-events`, provider imports", "streams: enrichment; sink"),
      "One record per model request, as the collectors normalised it");

  public static final Topic<AgentActivity> AGENT_ACTIVITY = new Topic<>("agent-activity", AgentActivity.class,
      "session id; else the raw user id, email or account id; else the event id",
      RecordKeys::agentActivity, TopicKind.APPEND, CleanupPolicy.DELETE, WEEK, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: OTLP (Claude Code events)", "streams: detectors; sink"),
      "User prompts, tool results and tool accept/reject decisions (no prompt text)");

  public static final Topic<PullRequestEvent> PR_EVENTS = new Topic<>("pr-events", PullRequestEvent.class,
      "repository (`owner/name`)",
      RecordKeys::pullRequestEvent, TopicKind.APPEND, CleanupPolicy.DELETE, QUARTER, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: GitHub and GitLab webhooks", "streams: PR attribution, incident links; sink"),
      "Pull/merge request changes from GitHub, GitLab and the generic shape");

  public static final Topic<PullRequestReview> PR_REVIEWS = new Topic<>("pr-reviews", PullRequestReview.class,
      "repository (`owner/name`)",
      RecordKeys::pullRequestReview, TopicKind.APPEND, CleanupPolicy.DELETE, QUARTER, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: GitHub and GitLab webhooks", "streams: detectors; sink"),
      "Pull-request reviews");

  public static final Topic<CodePush> CODE_PUSHES = new Topic<>("code-pushes", CodePush.class,
      "repository (`owner/name`)",
      RecordKeys::codePush, TopicKind.APPEND, CleanupPolicy.DELETE, QUARTER, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: GitHub and GitLab webhooks", "streams: detectors; sink"),
      "Commits pushed to branches (ids and authors, no messages): commit activity next to token spend");

  public static final Topic<IncidentEvent> INCIDENT_EVENTS = new Topic<>("incident-events", IncidentEvent.class,
      "service",
      RecordKeys::incidentEvent, TopicKind.APPEND, CleanupPolicy.DELETE, QUARTER, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: PagerDuty, Opsgenie and generic webhooks", "streams: incident links; sink"),
      "Incidents triggered, acknowledged, resolved (PagerDuty, Opsgenie, generic)");

  public static final Topic<DirectoryEntry> DIRECTORY = new Topic<>("directory", DirectoryEntry.class,
      "`identity:<KIND>:<value>`, `engineer:<id>`, `repository:<owner/name>` or `budget:<ENGINEER|TEAM>:<id>`",
      RecordKeys::directoryEntry, TopicKind.UPSERT, CleanupPolicy.COMPACT, FOREVER, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.SINGLE, true,
      TopicFlow.of("ingest: directory import", "streams: identity resolution (global table); sink"),
      "Identities, engineers, repositories and budgets; a tombstone deletes");

  public static final Topic<ModelPrice> MODEL_PRICES = new Topic<>("model-prices", ModelPrice.class,
      "`<provider>/<model>@<effectiveFrom ISO-8601>`: one key per price period",
      RecordKeys::modelPrice, TopicKind.UPSERT, CleanupPolicy.COMPACT, FOREVER, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.SINGLE, true,
      TopicFlow.of("ingest: shipped defaults and price overrides", "streams: cost (global table); sink"),
      "Model prices per million tokens, by effective date");

  public static final Topic<UsageMetric> USAGE_METRICS = new Topic<>("usage-metrics", UsageMetric.class,
      "session id; else the raw user id, email or account id; else the event id",
      RecordKeys::usageMetric, TopicKind.APPEND, CleanupPolicy.DELETE, WEEK, TimestampPolicy.ACCEPT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: OTLP metrics (Claude Code)", "sink: reconciliation"),
      "Aggregate counters (Claude Code delta metrics); reconciliation only");

  public static final Topic<ProviderUsage> PROVIDER_USAGE = new Topic<>("provider-usage", ProviderUsage.class,
      "the row id (source, bucket and grouping columns) = `eventId`",
      RecordKeys::providerUsage, TopicKind.UPSERT, CleanupPolicy.COMPACT_DELETE, PROVIDER_EXPORT_RETENTION,
      TimestampPolicy.ACCEPT_TIME, PartitionSizing.STREAM, true,
      TopicFlow.of("ingest: provider export import", "sink: reconciliation"),
      "Provider usage export buckets (Anthropic, OpenAI, Copilot); reconciliation only");

  // ------------------------------------------------------------------ written by Kafka Streams

  public static final Topic<TokenUsage> TOKEN_USAGE_ENRICHED = new Topic<>("token-usage-enriched", TokenUsage.class,
      "engineer id; else the raw key of `token-usage`",
      RecordKeys::enrichedTokenUsage, TopicKind.APPEND, CleanupPolicy.DELETE, MONTH, TimestampPolicy.EVENT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("streams: enrichment", "streams: rollups, joins, detectors, alerts; sink"),
      "Token usage deduplicated, with engineer, team and computed cost");

  public static final Topic<UsageRollup> USAGE_ROLLUPS = new Topic<>("usage-rollups", UsageRollup.class,
      "`<DIMENSION>:<value>@<windowStart ISO-8601>`",
      RecordKeys::usageRollup, TopicKind.UPSERT, CleanupPolicy.COMPACT_DELETE, MONTH, TimestampPolicy.EVENT_TIME,
      PartitionSizing.STREAM, true,
      TopicFlow.of("streams: rollups", "sink"),
      "Minute rollups per engineer, team, model, tool and repository");

  public static final Topic<WasteFinding> WASTE_FINDINGS = new Topic<>("waste-findings", WasteFinding.class,
      "finding id", RecordKeys::wasteFinding, TopicKind.UPSERT, CleanupPolicy.COMPACT_DELETE, MONTH,
      TimestampPolicy.EVENT_TIME, PartitionSizing.STREAM, true,
      TopicFlow.of("streams: detectors", "sink"),
      "Waste detected, with evidence and estimated cost");

  public static final Topic<PrAttribution> PR_ATTRIBUTION = new Topic<>("pr-attribution", PrAttribution.class,
      "`<owner/name>#<number>`", RecordKeys::prAttribution, TopicKind.UPSERT, CleanupPolicy.COMPACT, FOREVER,
      TimestampPolicy.EVENT_TIME, PartitionSizing.STREAM, true,
      TopicFlow.of("streams: usage ↔ PR join", "streams: incident links, detectors; sink"),
      "AI tokens and cost attributed to each pull request");

  public static final Topic<IncidentLink> INCIDENT_LINKS = new Topic<>("incident-links", IncidentLink.class,
      "service", RecordKeys::incidentLink, TopicKind.APPEND, CleanupPolicy.DELETE, MONTH,
      TimestampPolicy.EVENT_TIME, PartitionSizing.STREAM, true,
      TopicFlow.of("streams: incident ↔ PR join", "streams: detectors; sink"),
      "Incidents linked to pull requests, with the PR's AI cost");

  public static final Topic<BurnAlert> BURN_ALERTS = new Topic<>("burn-alerts", BurnAlert.class,
      "`<ENGINEER|TEAM>:<id>`", RecordKeys::burnAlert, TopicKind.APPEND, CleanupPolicy.DELETE, MONTH,
      TimestampPolicy.EVENT_TIME, PartitionSizing.STREAM, true,
      TopicFlow.of("streams: burn and budget alerts", "sink; alert webhook"),
      "Anomalous burn and budget guardrail alerts");

  public static final Topic<LateRecord> LATE_RECORDS = new Topic<>("late-records", LateRecord.class,
      "the late record's own key; else its source topic", RecordKeys::lateRecord, TopicKind.APPEND,
      CleanupPolicy.DELETE, MONTH, TimestampPolicy.EVENT_TIME, PartitionSizing.SINGLE, false,
      TopicFlow.of("streams: late-record guards", "sink"),
      "Records that arrived after a window's grace period");

  private static final List<Topic<?>> PRIMARY = List.of(
      TOKEN_USAGE, AGENT_ACTIVITY, PR_EVENTS, PR_REVIEWS, CODE_PUSHES, INCIDENT_EVENTS, DIRECTORY, MODEL_PRICES, USAGE_METRICS,
      PROVIDER_USAGE, TOKEN_USAGE_ENRICHED, USAGE_ROLLUPS, WASTE_FINDINGS, PR_ATTRIBUTION, INCIDENT_LINKS,
      BURN_ALERTS, LATE_RECORDS);

  private static final Map<String, Topic<DeadLetter>> DEAD_LETTER_TOPICS = deadLetterTopics();

  private static final List<Topic<?>> ALL = allTopics();

  /**
   * Topics that are joined with each other (possibly after Kafka Streams repartitions them to a common key): their
   * partition counts must be equal.
   */
  public static final List<Set<Topic<?>>> COPARTITIONED = List.of(
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
    Topic<?> topic = byName(name).orElseThrow(() -> new IllegalArgumentException("No topic named " + name));
    if (!topic.valueType().equals(valueType)) {
      throw new IllegalArgumentException(
          "Topic " + name + " carries " + topic.valueType().getSimpleName() + ", not " + valueType.getSimpleName());
    }
    @SuppressWarnings("unchecked")
    Topic<V> typed = (Topic<V>) topic;
    return typed;
  }

  private static Map<String, Topic<DeadLetter>> deadLetterTopics() {
    Map<String, Topic<DeadLetter>> byPrimary = new LinkedHashMap<>();
    for (Topic<?> topic : PRIMARY) {
      if (topic.hasDeadLetterTopic()) {
        byPrimary.put(topic.name(), new Topic<>(topic.deadLetterName(), DeadLetter.class,
            "the failed record's key; else the failing component", RecordKeys::deadLetter, TopicKind.APPEND,
            CleanupPolicy.DELETE, DEAD_LETTER_RETENTION, TimestampPolicy.EVENT_TIME, PartitionSizing.SINGLE, false,
            TopicFlow.of("whichever stage failed to process a record of `" + topic.name() + "`",
                "operators (replay after a fix); sink"),
            "Dead letters of `" + topic.name() + "`"));
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
