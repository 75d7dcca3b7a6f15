package io.tokenlens.schemas.serde;

/**
 * How subjects are named: only Confluent's default, TopicNameStrategy ({@code <topic>-key}, {@code
 * <topic>-value}), which keeps one value schema per topic.
 */
public enum SubjectNameStrategy {
  TOPIC_NAME_STRATEGY;

  /**
   * Class names and short names accepted for {@code key.subject.name.strategy} / {@code
   * value.subject.name.strategy}.
   */
  static final String[] ACCEPTED = {
    "TopicNameStrategy", "io.confluent.kafka.serializers.subject.TopicNameStrategy"
  };

  /** The subject of the key or value schema of {@code topic}. */
  public String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
