package io.tokenlens.schemas.serde;

import io.tokenlens.schemas.registry.ConfigValues;
import io.tokenlens.schemas.registry.RegistryClientConfig;
import java.util.Arrays;
import java.util.Map;

/**
 * Configuration of the Avro serdes, read from Confluent-named keys so the same properties work with
 * Confluent's serdes.
 *
 * @param registry registry client settings; null when the caller supplies its own client
 * @param autoRegisterSchemas register the writer's schema when serialising ({@code
 *     auto.register.schemas})
 * @param useLatestVersion write with the subject's latest schema ({@code use.latest.version})
 * @param specificAvroReader generic deserializer: return generated classes ({@code
 *     specific.avro.reader})
 * @param subjectNameStrategy how subjects are named
 */
public record SerdeConfig(
    RegistryClientConfig registry,
    boolean autoRegisterSchemas,
    boolean useLatestVersion,
    boolean specificAvroReader,
    SubjectNameStrategy subjectNameStrategy) {

  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

  /**
   * Reads the configuration; every invalid value is reported at once in one {@link
   * org.apache.kafka.common.config.ConfigException}.
   *
   * @param needsRegistry whether {@code schema.registry.url} is required (false when a client is
   *     supplied)
   */
  public static SerdeConfig fromConfig(Map<String, ?> configs, boolean needsRegistry) {
    ConfigValues values = new ConfigValues(configs);
    RegistryClientConfig registry = needsRegistry ? RegistryClientConfig.read(values) : null;
    boolean autoRegister = values.bool(AUTO_REGISTER_SCHEMAS, true);
    boolean useLatest = values.bool(USE_LATEST_VERSION, false);
    boolean specificReader = values.bool(SPECIFIC_AVRO_READER, false);
    checkStrategy(values, KEY_SUBJECT_NAME_STRATEGY);
    checkStrategy(values, VALUE_SUBJECT_NAME_STRATEGY);
    if (autoRegister && useLatest) {
      values.error(USE_LATEST_VERSION + "=true needs " + AUTO_REGISTER_SCHEMAS + "=false");
    }
    values.throwIfInvalid("Avro serde");
    return new SerdeConfig(
        registry, autoRegister, useLatest, specificReader, SubjectNameStrategy.TOPIC_NAME_STRATEGY);
  }

  private static void checkStrategy(ConfigValues values, String key) {
    String value = values.string(key, SubjectNameStrategy.ACCEPTED[0]);
    if (Arrays.stream(SubjectNameStrategy.ACCEPTED).noneMatch(value::equals)) {
      values.error(
          key
              + " must be one of "
              + String.join(", ", SubjectNameStrategy.ACCEPTED)
              + " but is '"
              + value
              + "'");
    }
  }
}
