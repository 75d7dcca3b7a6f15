package io.tokenlens.schemas.topics;

/**
 * An existing topic whose partition count, replication factor or a managed config differs from the
 * catalog.
 *
 * @param topic full topic name
 * @param property {@code partitions}, {@code replication.factor} or a topic config key
 * @param expected what the catalog declares
 * @param actual what the cluster has
 */
public record TopicDrift(String topic, String property, String expected, String actual) {

  @Override
  public String toString() {
    return topic + ": " + property + " is " + actual + ", the catalog declares " + expected;
  }
}
