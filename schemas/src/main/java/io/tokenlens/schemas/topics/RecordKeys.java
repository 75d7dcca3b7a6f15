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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The plain-string record keys of every topic, in one place so that every producer keys the same
 * way. Keys carry what the producer knows (session, repository, service); Kafka Streams
 * repartitions where it needs another key.
 */
public final class RecordKeys {

  private RecordKeys() {}

  /** token-usage: the session id, else the first raw identity known, else the event id. */
  public static String tokenUsage(TokenUsage u) {
    return firstNonBlank(
        u.getSessionId(),
        u.getUserId(),
        u.getUserEmail(),
        u.getAccountId(),
        u.getApiKeyId(),
        u.getEventId());
  }

  /** token-usage-enriched: the engineer id, else the raw key of {@link #tokenUsage}. */
  public static String enrichedTokenUsage(TokenUsage u) {
    return firstNonBlank(u.getEngineerId(), tokenUsage(u));
  }

  /** agent-activity: the session id, else the first raw identity known, else the event id. */
  public static String agentActivity(AgentActivity a) {
    return firstNonBlank(
        a.getSessionId(), a.getUserId(), a.getUserEmail(), a.getAccountId(), a.getEventId());
  }

  /** usage-metrics: the session id, else the first raw identity known, else the event id. */
  public static String usageMetric(UsageMetric m) {
    return firstNonBlank(
        m.getSessionId(), m.getUserId(), m.getUserEmail(), m.getAccountId(), m.getEventId());
  }

  /** provider-usage: the row's identity (its event id: source, bucket and grouping columns). */
  public static String providerUsage(ProviderUsage p) {
    return p.getEventId();
  }

  /** pr-events: the repository, {@code owner/name}. */
  public static String pullRequestEvent(PullRequestEvent e) {
    return e.getRepository();
  }

  /** pr-reviews: the repository, {@code owner/name}. */
  public static String pullRequestReview(PullRequestReview r) {
    return r.getRepository();
  }

  /** code-pushes: the repository. */
  public static String codePush(CodePush p) {
    return p.getRepository();
  }

  /** incident-events: the service. */
  public static String incidentEvent(IncidentEvent e) {
    return e.getService();
  }

  /**
   * directory: {@code identity:<IDENTITY_KIND>:<value>}, {@code engineer:<id>}, {@code
   * repository:<owner/name>} or {@code budget:<SUBJECT_KIND>:<id>}.
   */
  public static String directoryEntry(DirectoryEntry d) {
    switch (d.getKind()) {
      case IDENTITY:
        return identityKey(d.getIdentity().getIdentityKind().name(), d.getIdentity().getIdentity());
      case ENGINEER:
        return "engineer:" + d.getEngineer().getEngineerId();
      case REPOSITORY:
        return "repository:" + d.getRepository().getRepository();
      case BUDGET:
        return "budget:"
            + d.getBudget().getSubjectKind().name()
            + ":"
            + d.getBudget().getSubjectId();
      default:
        throw new IllegalArgumentException(
            "Directory entry of unknown kind has no key: " + d.getKind());
    }
  }

  /** The directory key of a raw identity; emails are lowercased. */
  public static String identityKey(String identityKind, String identity) {
    String value = "EMAIL".equals(identityKind) ? identity.toLowerCase(Locale.ROOT) : identity;
    return "identity:" + identityKind + ":" + value;
  }

  /**
   * model-prices: {@code <provider>/<model>@<effectiveFrom>} with the instant in ISO-8601 at second
   * precision, so each price period is its own key and the keys of one model sort by time.
   */
  public static String modelPrice(ModelPrice p) {
    return modelPricePrefix(p.getProvider(), p.getModel())
        + p.getEffectiveFrom().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The key prefix shared by every price period of one model. */
  public static String modelPricePrefix(String provider, String model) {
    return provider + "/" + model + "@";
  }

  /** usage-rollups: {@code <DIMENSION>:<value>@<windowStart>}. */
  public static String usageRollup(UsageRollup r) {
    return r.getDimension().name() + ":" + r.getDimensionValue() + "@" + iso(r.getWindowStart());
  }

  /** waste-findings: the finding id. */
  public static String wasteFinding(WasteFinding f) {
    return f.getFindingId();
  }

  /** pr-attribution: {@code <owner/name>#<number>}. */
  public static String prAttribution(PrAttribution a) {
    return pullRequest(a.getRepository(), a.getNumber());
  }

  /** The key of one pull request: {@code <owner/name>#<number>}. */
  public static String pullRequest(String repository, long number) {
    return repository + "#" + number;
  }

  /** incident-links: the affected service. */
  public static String incidentLink(IncidentLink l) {
    return l.getService();
  }

  /** burn-alerts: {@code <SUBJECT_KIND>:<subject id>}. */
  public static String burnAlert(BurnAlert a) {
    return a.getSubjectKind().name() + ":" + a.getSubjectId();
  }

  /** late-records: the original record key, else the source topic. */
  public static String lateRecord(LateRecord r) {
    return firstNonBlank(r.getKey(), r.getSourceTopic());
  }

  /** {@code <topic>-dlq}: the original record key, else the failing component. */
  public static String deadLetter(DeadLetter d) {
    return firstNonBlank(d.getKey(), d.getComponent());
  }

  private static String iso(Instant instant) {
    return instant.toString();
  }

  private static String firstNonBlank(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("record has no value to key it by");
  }
}
