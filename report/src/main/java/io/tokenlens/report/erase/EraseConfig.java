package io.tokenlens.report.erase;

import io.tokenlens.report.ReportConfig;
import io.tokenlens.schemas.config.ConfigLayers;
import io.tokenlens.schemas.config.ConfigReader;
import io.tokenlens.schemas.topics.TopicSettings;
import io.tokenlens.sink.SinkConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the erase command works: ClickHouse as the report reads it ({@link ReportConfig}), and,
 * when {@code kafka.bootstrap.servers} is set, the Kafka cluster whose directory topic gets the
 * tombstones. The same keys and variables as the sink's ({@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS},
 * {@code TOKENLENS_TOPICS_NAME_PREFIX}, {@code TOKENLENS_SINK_GROUP_ID}), plus the erasure's own.
 *
 * @param clickhouse the ClickHouse database
 * @param kafka client configuration ({@code bootstrap.servers} and any {@code kafka.*} key), empty
 *     when Kafka is not configured
 * @param topics the topic names' prefix
 * @param sinkGroupId the sink's consumer group, whose progress past the tombstones is awaited
 * @param sinkWait how long to wait for the sink
 * @param pseudonymSalt secret mixed into pseudonyms; empty means the database's UUID
 */
public record EraseConfig(
    ReportConfig clickhouse,
    Optional<Map<String, Object>> kafka,
    TopicSettings topics,
    String sinkGroupId,
    Duration sinkWait,
    String pseudonymSalt) {

  public static final String SINK_WAIT_MS = "erase.sink.wait.ms";
  public static final String PSEUDONYM_SALT = "erase.pseudonym.salt";

  /**
   * Defaults, then the file named by {@value ReportConfig#CONFIG_FILE_ENV} (if any), then the
   * environment.
   */
  public static EraseConfig load(Map<String, String> env) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(SinkConfig.GROUP_ID, "tokenlens-sink");
    defaults.put(SINK_WAIT_MS, "120000");
    defaults.put(PSEUDONYM_SALT, "");
    Set<String> known = new LinkedHashSet<>(defaults.keySet());
    known.add(SinkConfig.BOOTSTRAP_SERVERS);
    known.add(TopicSettings.NAME_PREFIX);
    Map<String, String> values =
        ConfigLayers.layer(defaults, known, ReportConfig.CONFIG_FILE_ENV, env);
    ReportConfig clickhouse = ReportConfig.load(env);

    ConfigReader reader = new ConfigReader(values);
    Optional<Map<String, Object>> kafka = Optional.empty();
    if (reader.has(SinkConfig.BOOTSTRAP_SERVERS)) {
      kafka = Optional.of(Map.<String, Object>copyOf(reader.withPrefix("kafka.")));
    }
    TopicSettings topics =
        TopicSettings.local().withNamePrefix(reader.string(TopicSettings.NAME_PREFIX, ""));
    Duration sinkWait = reader.millisAtLeast(SINK_WAIT_MS, 0);
    reader.throwIfInvalid("erase");
    return new EraseConfig(
        clickhouse,
        kafka,
        topics,
        values.get(SinkConfig.GROUP_ID),
        sinkWait,
        values.get(PSEUDONYM_SALT));
  }
}
