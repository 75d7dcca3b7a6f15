package io.tokenlens.streams.topology;

/**
 * The operator and store names of the enrichment, rollup, PR attribution, incident link and alert
 * parts, which read them from here. The names a processor owns live with it ({@code
 * DedupProcessor}, {@code EnrichmentProcessor}, {@code RollupPartials}, {@code RollupMerge}, {@code
 * PrStores}, {@code PrUsageSums}, {@code SpendPartials}), and the detectors' in {@code
 * DetectorTopology}, {@code SessionDetectors}, {@code EngineerDetectors} and each detector. Store
 * names become changelog topics ({@code <application.id>-<store>-changelog}) and repartition names
 * become topics ({@code <application.id>-<name>-repartition}): renaming one orphans its state, so
 * {@code TopologyNamesTest} pins them through {@code topology.describe()}.
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
  public static final String ROLLUP_PARTIALS = "rollup-partials";
  public static final String ROLLUP_PARTIALS_SPLIT = "rollup-partials-";
  public static final String ROLLUP_LATE_BRANCH = "late";
  public static final String ROLLUP_PARTIAL_BRANCH = "closed";
  public static final String ROLLUP_LATE_REQUEST = "rollup-late-request";
  public static final String ROLLUP_LATE_REQUESTS_SINK = "late-records-sink";
  public static final String ROLLUP_PARTIAL = "rollup-partial";
  public static final String ROLLUP_REPARTITION = "rollup-partials-by-key";
  public static final String ROLLUP_MERGE = "rollup-merge";
  public static final String ROLLUP_MERGE_SPLIT = "rollup-merge-";
  public static final String ROLLUP_TOTAL_BRANCH = "total";
  public static final String ROLLUP_LATE_PARTIAL = "rollup-late-partial";
  public static final String ROLLUP_LATE_PARTIALS_SINK = "late-partials-sink";
  public static final String ROLLUP_TO_RECORD = "rollup-to-record";
  public static final String ROLLUPS_SINK = "usage-rollups-sink";

  // usage ↔ pull requests
  public static final String PR_EVENTS_SOURCE = "pr-events-source";
  public static final String PR_USAGE_SUMS = "pr-usage-sums";
  public static final String PR_USAGE_REPARTITION = "pr-usage-by-repository";
  public static final String PR_ATTRIBUTE_USAGE = "pr-attribute-usage";
  public static final String PR_ATTRIBUTE_EVENT = "pr-attribute-event";
  public static final String PR_ATTRIBUTION_USAGE_SINK = "pr-attribution-usage-sink";
  public static final String PR_ATTRIBUTION_EVENT_SINK = "pr-attribution-event-sink";

  // incidents ↔ pull requests
  public static final String INCIDENT_MERGED_PRS = "incident-merged-prs";
  public static final String INCIDENT_MERGED_PR_KEY_BY_SERVICE =
      "incident-merged-pr-key-by-service";
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
  public static final String INCIDENT_MERGED_COMMIT_REPARTITION =
      "incident-merged-commit-by-service";
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
  public static final String ALERTS_WATERMARKS_STORE = "alerts-upstream-watermarks-store";

  private TopologyNames() {}

  /** The one source of {@code pr-attribution}, shared by the incident links and the detectors. */
  public static final String PR_ATTRIBUTION_SOURCE = "pr-attribution-source";
}
