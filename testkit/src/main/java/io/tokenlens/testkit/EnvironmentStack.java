package io.tokenlens.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * Services already running, named by environment variables (what {@code .ci/run} and {@code eval
 * "$(./tokenlens env)"} set). Kafka and ClickHouse are both required; the registry is optional.
 */
final class EnvironmentStack implements StackSource {
  static final String KAFKA = "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS";
  static final String REGISTRY = "TOKENLENS_SCHEMA_REGISTRY_URL";
  static final String CLICKHOUSE = "TOKENLENS_CLICKHOUSE_URL";

  private final StackEndpoints endpoints;

  private EnvironmentStack(StackEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** The stack the environment names, or empty when neither Kafka nor ClickHouse is named. */
  static Optional<StackSource> fromEnvironment(Map<String, String> env) {
    String kafka = blankToNull(env.get(KAFKA));
    String clickhouse = blankToNull(env.get(CLICKHOUSE));
    if (kafka == null && clickhouse == null) {
      return Optional.empty();
    }
    if (kafka == null || clickhouse == null) {
      throw new IllegalStateException(
          "set both "
              + KAFKA
              + " and "
              + CLICKHOUSE
              + " (or neither, to let the test kit start a stack); got "
              + KAFKA
              + "="
              + kafka
              + ", "
              + CLICKHOUSE
              + "="
              + clickhouse);
    }
    if (!clickhouse.startsWith("jdbc:clickhouse:") && !clickhouse.startsWith("jdbc:ch:")) {
      throw new IllegalStateException(
          CLICKHOUSE
              + " must be a ClickHouse JDBC URL such as"
              + " jdbc:clickhouse://127.0.0.1:8123/default, got "
              + clickhouse);
    }
    return Optional.of(
        new EnvironmentStack(
            new StackEndpoints(
                kafka,
                Optional.ofNullable(blankToNull(env.get(REGISTRY))),
                clickhouse,
                "environment")));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  @Override
  public StackEndpoints endpoints() {
    return endpoints;
  }

  @Override
  public void close() {
    // not ours to stop
  }
}
