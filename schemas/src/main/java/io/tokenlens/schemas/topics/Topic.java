package io.tokenlens.schemas.topics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the pipeline: its base name, what its plain-string key means, its Avro value
 * type and how brokers and consumers must treat it. Declared once, in {@link Topics}; the
 * cluster-specific parts (name prefix, partition count, replication) come from {@link
 * TopicSettings}. Declared with {@link #named}, each part by name.
 *
 * @param name base name, kebab-case noun
 * @param valueType generated Avro class of the values
 * @param keyMeaning what the plain-string key holds, for people
 * @param keyOf computes the key of a value, so every producer keys the same way
 * @param kind APPEND (every record counts once) or UPSERT (latest version per key wins)
 * @param cleanupPolicy broker cleanup policy
 * @param retention how long records are kept; empty means forever
 * @param timestampPolicy what the record timestamp means
 * @param sizing partition sizing class
 * @param hasDeadLetterTopic whether producers and consumers of the topic route failures to {@code
 *     <name>-dlq}
 * @param flow which stages write and read the topic, for the topic table
 * @param description one line for the topic table
 */
public record Topic<V extends SpecificRecord>(
    String name,
    Class<V> valueType,
    String keyMeaning,
    Function<V, String> keyOf,
    TopicKind kind,
    CleanupPolicy cleanupPolicy,
    Optional<Duration> retention,
    TimestampPolicy timestampPolicy,
    PartitionSizing sizing,
    boolean hasDeadLetterTopic,
    TopicFlow flow,
    String description) {

  private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** Suffix of dead-letter topics. */
  public static final String DEAD_LETTER_SUFFIX = "-dlq";

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(keyMeaning, "keyMeaning");
    Objects.requireNonNull(keyOf, "keyOf");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(timestampPolicy, "timestampPolicy");
    Objects.requireNonNull(sizing, "sizing");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(description, "description");
    if (!KEBAB_CASE.matcher(name).matches()) {
      throw new IllegalArgumentException("Topic name must be kebab-case: " + name);
    }
    if (cleanupPolicy.compacts() && kind != TopicKind.UPSERT) {
      throw new IllegalArgumentException("Topic " + name + ": only UPSERT topics may be compacted");
    }
    if (kind == TopicKind.UPSERT) {
      Schema.Field version = SpecificData.get().getSchema(valueType).getField("version");
      if (version == null || version.schema().getType() != Schema.Type.LONG) {
        throw new IllegalArgumentException(
            "Topic "
                + name
                + ": UPSERT values need a long 'version' field; "
                + valueType.getSimpleName()
                + " has none");
      }
    }
    if (retention.isPresent() && (retention.get().isNegative() || retention.get().isZero())) {
      throw new IllegalArgumentException("Topic " + name + ": retention must be positive");
    }
  }

  /**
   * Starts the declaration of a topic: every other part is named by its own call, and {@link
   * Builder#build()} refuses a declaration that misses one (only {@link
   * Builder#withDeadLetterTopic()} may be left out).
   */
  public static <V extends SpecificRecord> Builder<V> named(String name, Class<V> valueType) {
    return new Builder<>(name, valueType);
  }

  /** A topic's parts, each named; see the record's components for what each means. */
  public static final class Builder<V extends SpecificRecord> {
    private final String name;
    private final Class<V> valueType;
    private String keyMeaning;
    private Function<V, String> keyOf;
    private TopicKind kind;
    private CleanupPolicy cleanupPolicy;
    private Optional<Duration> retention;
    private TimestampPolicy timestampPolicy;
    private PartitionSizing sizing;
    private boolean hasDeadLetterTopic;
    private TopicFlow flow;
    private String description;

    private Builder(String name, Class<V> valueType) {
      this.name = name;
      this.valueType = valueType;
    }

    /** What the key holds, for people, and how a producer computes it. */
    public Builder<V> key(String meaning, Function<V, String> keyOf) {
      this.keyMeaning = meaning;
      this.keyOf = keyOf;
      return this;
    }

    public Builder<V> kind(TopicKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder<V> cleanup(CleanupPolicy cleanupPolicy) {
      this.cleanupPolicy = cleanupPolicy;
      return this;
    }

    /** How long records are kept; empty: forever. */
    public Builder<V> retention(Optional<Duration> retention) {
      this.retention = retention;
      return this;
    }

    public Builder<V> timestamps(TimestampPolicy timestampPolicy) {
      this.timestampPolicy = timestampPolicy;
      return this;
    }

    public Builder<V> sizing(PartitionSizing sizing) {
      this.sizing = sizing;
      return this;
    }

    /** Producers and consumers route the records they fail on to {@code <name>-dlq}. */
    public Builder<V> withDeadLetterTopic() {
      this.hasDeadLetterTopic = true;
      return this;
    }

    public Builder<V> flow(TopicFlow flow) {
      this.flow = flow;
      return this;
    }

    public Builder<V> description(String description) {
      this.description = description;
      return this;
    }

    public Topic<V> build() {
      return new Topic<>(
          name,
          valueType,
          keyMeaning,
          keyOf,
          kind,
          cleanupPolicy,
          retention,
          timestampPolicy,
          sizing,
          hasDeadLetterTopic,
          flow,
          description);
    }
  }

  /** The Avro schema of the values. */
  public Schema valueSchema() {
    return SpecificData.get().getSchema(valueType);
  }

  /** The key a producer must use for {@code value}. */
  public String key(V value) {
    return keyOf.apply(value);
  }

  /** Whether this is itself a dead-letter topic. */
  public boolean isDeadLetterTopic() {
    return name.endsWith(DEAD_LETTER_SUFFIX);
  }

  /**
   * The base name of this topic's dead-letter topic; only meaningful when {@link
   * #hasDeadLetterTopic()}.
   */
  public String deadLetterName() {
    return name + DEAD_LETTER_SUFFIX;
  }

  /** {@code retention.ms}: milliseconds, or -1 for forever. */
  public long retentionMs() {
    return retention.map(Duration::toMillis).orElse(-1L);
  }

  @Override
  public String toString() {
    return "Topic[" + name + " -> " + valueType.getSimpleName() + "]";
  }
}
