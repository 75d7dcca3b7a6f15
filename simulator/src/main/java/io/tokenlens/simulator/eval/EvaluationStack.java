package io.tokenlens.simulator.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stack an evaluation runs against and the topic prefix that keeps its topics, consumer groups
 * and streams application id apart from everything else on it.
 */
public record EvaluationStack(
    String bootstrapServers, String schemaRegistryUrl, String topicPrefix) {
  public static final String BOOTSTRAP_ENV = "TOKENLENS_KAFKA_BOOTSTRAP_SERVERS";
  public static final String REGISTRY_ENV = "TOKENLENS_SCHEMA_REGISTRY_URL";

  /**
   * From {@code TOKENLENS_KAFKA_BOOTSTRAP_SERVERS} and {@code TOKENLENS_SCHEMA_REGISTRY_URL}, a
   * fresh prefix.
   */
  public static EvaluationStack fromEnv(Map<String, String> env) {
    List<String> missing = new ArrayList<>();
    for (String key : List.of(BOOTSTRAP_ENV, REGISTRY_ENV)) {
      if (env.getOrDefault(key, "").isBlank()) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("not set: " + String.join(", ", missing));
    }
    return new EvaluationStack(
        env.get(BOOTSTRAP_ENV),
        env.get(REGISTRY_ENV),
        "eval-" + UUID.randomUUID().toString().substring(0, 8) + "-");
  }
}
