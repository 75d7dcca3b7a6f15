package io.tokenlens.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics that are missing, idempotently, and reports existing topics whose
 * partition count, replication factor or managed configs differ from the catalog. It never alters
 * or deletes an existing topic: the operator decides.
 */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final TopicSettings settings;
  private final Duration timeout;

  /**
   * @param admin an admin client the caller owns and closes
   * @param settings cluster-specific settings
   * @param timeout bound of each admin call
   */
  public TopicProvisioner(Admin admin, TopicSettings settings, Duration timeout) {
    this.admin = admin;
    this.settings = settings;
    this.timeout = timeout;
  }

  /** Provisions every topic of the catalog, dead-letter topics included. */
  public ProvisioningReport provisionAll() {
    return provision(Topics.all());
  }

  /** Provisions {@code topics}. */
  public ProvisioningReport provision(Collection<? extends Topic<?>> topics) {
    Map<String, Topic<?>> byName = new LinkedHashMap<>();
    for (Topic<?> topic : topics) {
      byName.put(settings.name(topic), topic);
    }
    Set<String> present = await(admin.listTopics().names(), "list topics");

    List<NewTopic> missing = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    for (Map.Entry<String, Topic<?>> entry : byName.entrySet()) {
      if (present.contains(entry.getKey())) {
        existing.add(entry.getKey());
      } else {
        missing.add(settings.newTopic(entry.getValue()));
      }
    }

    List<String> created = new ArrayList<>();
    if (!missing.isEmpty()) {
      CreateTopicsResult result = admin.createTopics(missing);
      for (NewTopic topic : missing) {
        try {
          await(result.values().get(topic.name()), "create topic " + topic.name());
          created.add(topic.name());
          LOG.info(
              "Created topic {} with {} partition(s), replication factor {}",
              topic.name(),
              topic.numPartitions(),
              topic.replicationFactor());
        } catch (KafkaException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
          // created concurrently by another provisioner: compare it like any existing topic
          existing.add(topic.name());
        }
      }
    }

    List<TopicDrift> drifts = existing.isEmpty() ? List.of() : compare(existing, byName);
    for (TopicDrift drift : drifts) {
      LOG.warn("Topic differs from the catalog: {}", drift);
    }
    return new ProvisioningReport(created, existing, drifts);
  }

  private List<TopicDrift> compare(List<String> names, Map<String, Topic<?>> byName) {
    Map<String, TopicDescription> descriptions =
        await(admin.describeTopics(names).allTopicNames(), "describe topics");
    List<ConfigResource> resources = new ArrayList<>();
    for (String name : names) {
      resources.add(new ConfigResource(ConfigResource.Type.TOPIC, name));
    }
    Map<ConfigResource, Config> configs =
        await(admin.describeConfigs(resources).all(), "describe topic configs");

    List<TopicDrift> drifts = new ArrayList<>();
    for (String name : names) {
      Topic<?> topic = byName.get(name);
      TopicDescription description = descriptions.get(name);
      if (description != null) {
        int partitions = description.partitions().size();
        if (partitions != settings.partitions(topic)) {
          drifts.add(
              new TopicDrift(
                  name,
                  "partitions",
                  Integer.toString(settings.partitions(topic)),
                  Integer.toString(partitions)));
        }
        int replicas =
            description.partitions().isEmpty()
                ? 0
                : description.partitions().get(0).replicas().size();
        if (replicas != settings.replicationFactor()) {
          drifts.add(
              new TopicDrift(
                  name,
                  "replication.factor",
                  Short.toString(settings.replicationFactor()),
                  Integer.toString(replicas)));
        }
      }
      Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
      for (Map.Entry<String, String> expected : settings.brokerConfigs(topic).entrySet()) {
        ConfigEntry entry = actual == null ? null : actual.get(expected.getKey());
        String value = entry == null ? null : entry.value();
        if (!expected.getValue().equals(value)) {
          drifts.add(
              new TopicDrift(name, expected.getKey(), expected.getValue(), String.valueOf(value)));
        }
      }
    }
    return drifts;
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while trying to " + what, e);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException(
          "Timed out after " + timeout.toMillis() + " ms trying to " + what, e);
    }
  }
}
