package io.tokenlens.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the registry's topic exists and is safe to use: created with one partition (one total
 * order of records), {@code cleanup.policy=compact} (a key's latest record is kept forever),
 * replication factor min(3, brokers) and {@code min.insync.replicas} 2 with three replicas, else 1.
 * An existing topic with several partitions or another cleanup policy is refused at start-up, as it
 * would lose or reorder schemas.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final Duration timeout;

  public TopicProvisioner(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  public void ensure(String topic) {
    try {
      if (!exists(topic)) {
        create(topic);
      }
      verifyOnceVisible(topic);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot provision schema topic " + topic + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "cannot provision schema topic "
              + topic
              + ": Kafka did not answer within "
              + timeout.toMillis()
              + " ms",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while provisioning schema topic " + topic, e);
    }
  }

  private boolean exists(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    try {
      admin.describeTopics(List.of(topic)).allTopicNames().get(millis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  private void create(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    int brokers = admin.describeCluster().nodes().get(millis(), TimeUnit.MILLISECONDS).size();
    short replication = (short) Math.max(1, Math.min(3, brokers));
    String minInSync = replication >= 3 ? "2" : "1";
    NewTopic newTopic =
        new NewTopic(topic, 1, replication)
            .configs(
                Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    minInSync));
    try {
      admin.createTopics(List.of(newTopic)).all().get(millis(), TimeUnit.MILLISECONDS);
      log.info(
          "Created schema topic {} (1 partition, compacted, replication factor {},"
              + " min.insync.replicas {})",
          topic,
          replication,
          minInSync);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
      log.info("Schema topic {} was created concurrently by another instance", topic);
    }
  }

  /**
   * Verifies the topic once the broker answering knows it: right after a create, or on a broker
   * that has just started, a describe can still answer "unknown topic" for a while; that is retried
   * until the timeout.
   */
  private void verifyOnceVisible(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long backoffMs = 50;
    while (true) {
      try {
        verify(topic);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        log.debug(
            "Schema topic {} is not visible yet; describing it again in {} ms", topic, backoffMs);
        Thread.sleep(backoffMs);
        backoffMs = Math.min(1_000, backoffMs * 2);
      }
    }
  }

  private void verify(String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription description =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(millis(), TimeUnit.MILLISECONDS)
            .get(topic);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get(millis(), TimeUnit.MILLISECONDS)
            .get(resource);
    String policy =
        config.get(TopicConfig.CLEANUP_POLICY_CONFIG) == null
            ? ""
            : config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    StringBuilder problems = new StringBuilder();
    if (description.partitions().size() != 1) {
      problems
          .append(" it has ")
          .append(description.partitions().size())
          .append(" partitions, the registry needs exactly 1 (one total order of schemas);");
    }
    if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(policy)) {
      problems
          .append(" its cleanup.policy is '")
          .append(policy)
          .append("', the registry needs 'compact' (otherwise schemas expire);");
    }
    if (problems.length() > 0) {
      throw new IllegalStateException(
          "schema topic "
              + topic
              + " is unsafe to use:"
              + problems
              + " delete it or point --topic at another topic");
    }
  }

  private long millis() {
    return timeout.toMillis();
  }
}
