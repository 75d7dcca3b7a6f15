package io.tokenlens.schemas.topics;

import io.tokenlens.schemas.config.ConfigReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The cluster-specific part of the topics: a name prefix (tests use one per test class), the
 * partition count of event-stream topics, replication factor and {@code min.insync.replicas}.
 *
 * @param namePrefix prepended to every base name; empty in production
 * @param streamPartitions partitions of every {@link PartitionSizing#STREAM} topic (one number
 *     keeps joined topics co-partitioned)
 * @param replicationFactor replication factor of every topic
 * @param minInsyncReplicas {@code min.insync.replicas} of every topic; at most the replication
 *     factor
 */
public record TopicSettings(
    String namePrefix, int streamPartitions, short replicationFactor, int minInsyncReplicas) {

  /** Config key of {@link #namePrefix()}. */
  public static final String NAME_PREFIX = "topics.name.prefix";

  /** Config key of {@link #streamPartitions()}. */
  public static final String STREAM_PARTITIONS = "topics.stream.partitions";

  /** Config key of {@link #replicationFactor()}. */
  public static final String REPLICATION_FACTOR = "topics.replication.factor";

  /** Config key of {@link #minInsyncReplicas()}. */
  public static final String MIN_INSYNC_REPLICAS = "topics.min.insync.replicas";

  /** Default partition count of stream topics. */
  public static final int DEFAULT_STREAM_PARTITIONS = 6;

  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");

  public TopicSettings {
    List<String> errors =
        validate(namePrefix, streamPartitions, replicationFactor, minInsyncReplicas);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("Invalid topic settings: " + String.join("; ", errors));
    }
  }

  /**
   * A single local broker: no prefix, {@value #DEFAULT_STREAM_PARTITIONS} stream partitions,
   * replication 1.
   */
  public static TopicSettings local() {
    return new TopicSettings("", DEFAULT_STREAM_PARTITIONS, (short) 1, 1);
  }

  /**
   * The settings for a cluster of {@code brokers} brokers: no prefix, {@value
   * #DEFAULT_STREAM_PARTITIONS} stream partitions, replication factor {@code min(3, brokers)} and
   * {@code min.insync.replicas} 2 with three replicas (a write survives one broker down and is on
   * two brokers when acknowledged), else 1. One broker gives {@link #local()}.
   */
  public static TopicSettings forBrokers(int brokers) {
    if (brokers < 1) {
      throw new IllegalArgumentException("a cluster has at least one broker, not " + brokers);
    }
    short replication = (short) Math.min(3, brokers);
    return new TopicSettings("", DEFAULT_STREAM_PARTITIONS, replication, replication >= 3 ? 2 : 1);
  }

  /** The same settings with another name prefix. */
  public TopicSettings withNamePrefix(String prefix) {
    return new TopicSettings(prefix, streamPartitions, replicationFactor, minInsyncReplicas);
  }

  /**
   * Settings from configuration keys {@value #NAME_PREFIX}, {@value #STREAM_PARTITIONS}, {@value
   * #REPLICATION_FACTOR} and {@value #MIN_INSYNC_REPLICAS}; missing keys take the {@link #local()}
   * values. Every invalid value is reported at once.
   */
  public static TopicSettings fromConfig(Map<String, ?> config) {
    TopicSettings local = local();
    Map<String, String> values = new LinkedHashMap<>();
    config.forEach((key, value) -> values.put(key, String.valueOf(value)));
    ConfigReader reader = new ConfigReader(values);
    String prefix =
        config.containsKey(NAME_PREFIX)
            ? String.valueOf(config.get(NAME_PREFIX))
            : local.namePrefix();
    int partitions = intValue(reader, STREAM_PARTITIONS, local.streamPartitions());
    int replication = intValue(reader, REPLICATION_FACTOR, local.replicationFactor());
    int minIsr = intValue(reader, MIN_INSYNC_REPLICAS, local.minInsyncReplicas());
    List<String> errors = new ArrayList<>(reader.errors());
    if (replication > Short.MAX_VALUE) {
      errors.add(
          REPLICATION_FACTOR + " must be at most " + Short.MAX_VALUE + " but is " + replication);
    }
    if (errors.isEmpty()) {
      errors.addAll(validate(prefix, partitions, replication, minIsr));
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("Invalid topic settings: " + String.join("; ", errors));
    }
    return new TopicSettings(prefix, partitions, (short) replication, minIsr);
  }

  /** The full name of {@code topic} on the cluster. */
  public String name(Topic<?> topic) {
    return namePrefix + topic.name();
  }

  /** The partition count of {@code topic}. */
  public int partitions(Topic<?> topic) {
    return topic.sizing() == PartitionSizing.STREAM ? streamPartitions : 1;
  }

  /** The topic-level broker configs tokenlens manages for {@code topic}. */
  public Map<String, String> brokerConfigs(Topic<?> topic) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanupPolicy().configValue());
    configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs()));
    configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
    configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
    configs.put(
        TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
        Long.toString(topic.timestampPolicy().beforeMaxMs()));
    configs.put(
        TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG,
        Long.toString(topic.timestampPolicy().afterMaxMs()));
    return configs;
  }

  /** The {@link NewTopic} that creates {@code topic}. */
  public NewTopic newTopic(Topic<?> topic) {
    return new NewTopic(name(topic), partitions(topic), replicationFactor)
        .configs(brokerConfigs(topic));
  }

  private static List<String> validate(String prefix, int partitions, int replication, int minIsr) {
    List<String> errors = new ArrayList<>();
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      errors.add(
          NAME_PREFIX + " may hold only letters, digits, '.', '_' and '-' but is '" + prefix + "'");
    }
    if (partitions < 1) {
      errors.add(STREAM_PARTITIONS + " must be at least 1 but is " + partitions);
    }
    if (replication < 1) {
      errors.add(REPLICATION_FACTOR + " must be at least 1 but is " + replication);
    }
    if (minIsr < 1 || minIsr > replication) {
      errors.add(
          MIN_INSYNC_REPLICAS
              + " must be between 1 and "
              + REPLICATION_FACTOR
              + " ("
              + replication
              + ") but is "
              + minIsr);
    }
    return errors;
  }

  /**
   * The key's integer, or {@code fallback} when it is not given; the ranges are checked together
   * afterwards.
   */
  private static int intValue(ConfigReader reader, String key, int fallback) {
    return reader.has(key)
        ? reader.intBetween(key, Integer.MIN_VALUE, Integer.MAX_VALUE)
        : fallback;
  }
}
