package io.tokenlens.sink;

import io.tokenlens.schemas.topics.Topic;
import io.tokenlens.schemas.topics.Topics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The table of every topic the sink writes (dead-letter topics are for operators and are not sunk).
 */
public final class SinkTables {

  private static final TableMapping.Tombstones DIRECTORY_TOMBSTONE =
      new TableMapping.Tombstones(
          List.of(
              "entry_key",
              "kind",
              "version",
              "updated_at",
              "deleted",
              "kafka_partition",
              "kafka_offset"),
          (key, ts, partition, offset) ->
              new Object[] {key, directoryKind(key), ts, ts, 1, partition, offset});

  private static final List<TableMapping> ALL =
      List.of(
          withHeaders(Topics.TOKEN_USAGE_ENRICHED, "token_usage", HeaderColumn.AUTHENTICATED_BY),
          withHeaders(Topics.TOKEN_USAGE, "token_usage_raw", HeaderColumn.AUTHENTICATED_BY),
          plain(Topics.AGENT_ACTIVITY, "agent_activity"),
          plain(Topics.PR_EVENTS, "pull_requests"),
          plain(Topics.PR_REVIEWS, "pr_reviews"),
          plain(Topics.CODE_PUSHES, "code_pushes"),
          plain(Topics.INCIDENT_EVENTS, "incidents"),
          new TableMapping(Topics.DIRECTORY, "directory", Optional.of(DIRECTORY_TOMBSTONE)),
          plain(Topics.MODEL_PRICES, "model_prices"),
          plain(Topics.USAGE_METRICS, "usage_metrics"),
          plain(Topics.PROVIDER_USAGE, "provider_usage"),
          plain(Topics.USAGE_ROLLUPS, "usage_1m"),
          plain(Topics.WASTE_FINDINGS, "waste_findings"),
          plain(Topics.PR_ATTRIBUTION, "pr_attribution"),
          plain(Topics.INCIDENT_LINKS, "incident_links"),
          plain(Topics.BURN_ALERTS, "burn_alerts"),
          plain(Topics.LATE_RECORDS, "late_records"));

  private SinkTables() {}

  /** Every mapping, in catalog order of importance. */
  public static List<TableMapping> all() {
    return ALL;
  }

  /** The mapping of the topic with this base name. */
  public static Optional<TableMapping> forTopic(String baseName) {
    return ALL.stream().filter(m -> m.topic().name().equals(baseName)).findFirst();
  }

  /** The mapping of {@code topic}. */
  public static TableMapping forTopic(Topic<?> topic) {
    return forTopic(topic.name())
        .orElseThrow(() -> new IllegalArgumentException("No table for " + topic));
  }

  /** The directory kind a directory key names: {@code engineer:e1} is {@code ENGINEER}. */
  static String directoryKind(String key) {
    int colon = key == null ? -1 : key.indexOf(':');
    return colon < 0 ? "UNKNOWN" : key.substring(0, colon).toUpperCase(Locale.ROOT);
  }

  private static TableMapping plain(Topic<?> topic, String table) {
    return new TableMapping(topic, table, Optional.empty());
  }

  private static TableMapping withHeaders(Topic<?> topic, String table, HeaderColumn... columns) {
    return new TableMapping(topic, table, Optional.empty(), List.of(columns));
  }
}
