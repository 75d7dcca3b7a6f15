package io.tokenlens.schemas.topics;

/** Kafka {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
  DELETE("delete"),
  COMPACT("compact"),
  COMPACT_DELETE("compact,delete");

  private final String configValue;

  CleanupPolicy(String configValue) {
    this.configValue = configValue;
  }

  /** The value of the broker's {@code cleanup.policy} topic config. */
  public String configValue() {
    return configValue;
  }

  public boolean compacts() {
    return this != DELETE;
  }
}
