package io.tokenlens.streams.topology;

/**
 * The names of every operator and store of the job's topology, in one place. Store names become changelog topics
 * ({@code <application.id>-<store>-changelog}) and repartition names become topics
 * ({@code <application.id>-<name>-repartition}): renaming one orphans its state, so {@code TopologyNamesTest} pins
 * them through {@code topology.describe()}.
 */
public final class TopologyNames {

  // enrichment
  public static final String USAGE_SOURCE = "token-usage-source";
  public static final String DIRECTORY_SOURCE = "directory-source";
  public static final String DIRECTORY_STORE = "directory-store";
  public static final String PRICES_SOURCE = "model-prices-source";
  public static final String PRICES_STORE = "model-prices-store";
  public static final String KEY_BY_ENGINEER = "token-usage-key-by-engineer";
  public static final String ENRICHED_SINK = "token-usage-enriched-sink";

  // rollups
  public static final String ROLLUP_FAN_OUT = "rollup-dimensions";
  public static final String ROLLUP_REPARTITION = "rollup-by-dimension";
  public static final String ROLLUP_LATE_GUARD = "rollup-late-guard";
  public static final String ROLLUP_SPLIT = "rollup-";
  public static final String ROLLUP_LATE_BRANCH = "late";
  public static final String ROLLUP_ON_TIME_BRANCH = "on-time";
  public static final String ROLLUP_AS_LATE_RECORD = "rollup-as-late-record";
  public static final String LATE_RECORDS_SINK = "late-records-sink";
  public static final String ROLLUP_AS_USAGE = "rollup-as-usage";
  public static final String ROLLUP_GROUP = "rollup-group";
  public static final String ROLLUP_AGGREGATE = "rollup-aggregate";
  public static final String ROLLUP_STORE = "usage-rollup-store";
  public static final String ROLLUP_SUPPRESS = "rollup-until-window-closes";
  public static final String ROLLUP_EMIT = "rollup-emit";
  public static final String ROLLUP_TO_RECORD = "rollup-to-record";
  public static final String ROLLUPS_SINK = "usage-rollups-sink";

  // usage ↔ pull requests
  public static final String PR_EVENTS_SOURCE = "pr-events-source";
  public static final String PR_USAGE_WITH_REPOSITORY = "pr-usage-with-repository";
  public static final String PR_USAGE_KEY_BY_REPOSITORY = "pr-usage-key-by-repository";
  public static final String PR_USAGE_REPARTITION = "pr-usage-by-repository";
  public static final String PR_ATTRIBUTE_USAGE = "pr-attribute-usage";
  public static final String PR_ATTRIBUTE_EVENT = "pr-attribute-event";
  public static final String PR_ATTRIBUTION_USAGE_SINK = "pr-attribution-usage-sink";
  public static final String PR_ATTRIBUTION_EVENT_SINK = "pr-attribution-event-sink";

  // incidents ↔ pull requests
  public static final String INCIDENT_MERGED_PRS = "incident-merged-prs";
  public static final String INCIDENT_MERGED_PR_KEY_BY_SERVICE = "incident-merged-pr-key-by-service";
  public static final String INCIDENT_MERGED_PR_REPARTITION = "incident-merged-pr-by-service";
  public static final String INCIDENT_REMEMBER_MERGED_PR = "incident-remember-merged-pr";
  public static final String INCIDENT_EVENTS_SOURCE = "incident-events-source";
  public static final String INCIDENT_LINK = "incident-link";
  public static final String INCIDENT_LINKS_MERGE = "incident-links-merge";
  public static final String INCIDENT_LINKS_SINK = "incident-links-sink";
  public static final String INCIDENT_MERGED_PR_STORE = "incident-merged-pr-store";
  public static final String INCIDENT_LINKED_STORE = "incident-linked-store";
  public static final String INCIDENT_TRIGGERED_STORE = "incident-triggered-store";
  public static final String INCIDENT_MERGED_COMMITS = "incident-merged-commits";
  public static final String INCIDENT_MERGED_COMMIT_REPARTITION = "incident-merged-commit-by-service";
  public static final String INCIDENT_REMEMBER_COMMIT = "incident-remember-commit";
  public static final String INCIDENT_COMMIT_STORE = "incident-commit-store";

  // burn and budget alerts
  public static final String ALERTS_SUBJECTS = "alerts-subjects";
  public static final String ALERTS_REPARTITION = "alerts-spend-by-subject";
  public static final String ALERTS_EVALUATE = "alerts-evaluate";
  public static final String BURN_ALERTS_SINK = "burn-alerts-sink";
  public static final String ALERTS_HOURLY_SPEND_STORE = "alerts-hourly-spend-store";
  public static final String ALERTS_PERIOD_SPEND_STORE = "alerts-period-spend-store";
  public static final String ALERTS_RAISED_STORE = "alerts-raised-store";
  public static final String ALERTS_BASELINE_STORE = "alerts-baseline-store";

  private TopologyNames() {}

  /** The one source of {@code pr-attribution}, shared by the incident links and the detectors. */
  public static final String PR_ATTRIBUTION_SOURCE = "pr-attribution-source";
}
