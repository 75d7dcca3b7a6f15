package io.tokenlens.report.erase;

import io.tokenlens.report.ReportConfig;
import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.sink.SinkConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the erase command works: ClickHouse as the report reads it ({@link ReportConfig}), and, when
 * {@code kafka.bootstrap.servers} is set, the Kafka cluster whose directory topic gets the tombstones. The same keys
 * and variables as the sink's ({@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS}, {@code TOKENLENS_TOPICS_NAME_PREFIX},
 * {@code TOKENLENS_SINK_GROUP_ID}), plus the erasure's own.
 *
 * @param clickhouse the ClickHouse database
 * @param kafka client configuration ({@code bootstrap.servers} and any {@code kafka.*} key), empty when Kafka is
 *     not configured
 * @param topics the topic names' prefix
 * @param sinkGroupId the sink's consumer group, whose progress past the tombstones is awaited
 * @param sinkWait how long to wait for the sink
 * @param pseudonymSalt secret mixed into pseudonyms; empty means the database's UUID
 */
public record EraseConfig(ReportConfig clickhouse, Optional<Map<String, Object>> kafka, TopicSettings topics,
    String sinkGroupId, Duration sinkWait, String pseudonymSalt) {

  public static final String SINK_WAIT_MS = "erase.sink.wait.ms";
  public static final String PSEUDONYM_SALT = "erase.pseudonym.salt";

  /** Defaults, then the file named by {@value ReportConfig#CONFIG_FILE_ENV} (if any), then the environment. */
  public static EraseConfig load(Map<String, String> env) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(SinkConfig.GROUP_ID, "tokenlens-sink");
    defaults.put(SINK_WAIT_MS, "120000");
    defaults.put(PSEUDONYM_SALT, "");
    Set<String> known = new LinkedHashSet<>(defaults.keySet());
    known.add(SinkConfig.BOOTSTRAP_SERVERS);
    known.add(TopicSettings.NAME_PREFIX);
    Map<String, String> values = ConfigLayers.layer(defaults, known, ReportConfig.CONFIG_FILE_ENV, env);
    ReportConfig clickhouse = ReportConfig.load(env);

    Optional<Map<String, Object>> kafka = Optional.empty();
    String bootstrap = values.get(SinkConfig.BOOTSTRAP_SERVERS);
    if (bootstrap != null && !bootstrap.isBlank()) {
      Map<String, Object> client = new LinkedHashMap<>();
      values.forEach((k, v) -> {
        if (k.startsWith("kafka.")) {
          client.put(k.substring("kafka.".length()), v);
        }
      });
      kafka = Optional.of(Map.copyOf(client));
    }
    String prefix = values.getOrDefault(TopicSettings.NAME_PREFIX, "");
    TopicSettings topics = TopicSettings.local().withNamePrefix(prefix);
    long waitMs;
    try {
      waitMs = Long.parseLong(values.get(SINK_WAIT_MS).trim());
    } catch (NumberFormatException e) {
      waitMs = -1;
    }
    if (waitMs < 0) {
      throw new IllegalArgumentException(SINK_WAIT_MS + " must be a number of milliseconds, 0 or more, but is '"
          + values.get(SINK_WAIT_MS) + "'");
    }
    return new EraseConfig(clickhouse, kafka, topics, values.get(SinkConfig.GROUP_ID), Duration.ofMillis(waitMs),
        values.get(PSEUDONYM_SALT));
  }
}
