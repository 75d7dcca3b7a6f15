package io.tokenlens.registry;

import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.Waits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The registry instances a test starts on the test kit's broker, and their schema topic: one per
 * instance of this class, under the test class's topic prefix ({@code @StackTest} deletes every
 * topic of the prefix after the class; {@link #close()} already deletes this one).
 */
final class KafkaForTests implements AutoCloseable {
  private final String bootstrapServers;
  private final String topic;
  private final List<SchemaRegistryServer> started = new ArrayList<>();

  KafkaForTests(StackScope stack, String testName) {
    this.bootstrapServers = stack.bootstrapServers();
    this.topic =
        stack.topic("_schemas-" + testName + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Deletes every topic of the test class's prefix and waits until the broker has absorbed it, for
   * classes that create many topics. A broker still applying a mass deletion answers
   * UNKNOWN_TOPIC_OR_PARTITION for a topic created just after it, and the registry's start-up does
   * not retry that ({@code TopicProvisioner#verify} describes the schema topic right after creating
   * it): the next test class would fail to start its registry. So this waits until the topics are
   * no longer listed and a probe topic created afterwards is described at once. {@code @StackTest}
   * deletes the class's topics too, without waiting.
   */
  static void deleteTopicsOf(StackScope stack) {
    try (Admin admin = Admin.create(stack.kafkaConfig())) {
      Set<String> ours =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(stack.topicPrefix()))
              .collect(Collectors.toSet());
      if (ours.isEmpty()) {
        return;
      }
      admin.deleteTopics(ours).all().get(60, TimeUnit.SECONDS);
      Waits.until(
          "the deleted test topics to disappear",
          Waits.LONG,
          () ->
              admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                  .filter(ours::contains)
                  .toList(),
          List::isEmpty);
      Waits.until(
          "a probe topic to be described at once",
          Waits.LONG,
          () -> probeIsDescribedAtOnce(admin, stack));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not delete the topics of " + stack.topicPrefix(), e);
    }
  }

  private static boolean probeIsDescribedAtOnce(Admin admin, StackScope stack) throws Exception {
    String probe = stack.topic("settled-probe-" + UUID.randomUUID().toString().substring(0, 8));
    admin.createTopics(List.of(new NewTopic(probe, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    try {
      admin.describeTopics(List.of(probe)).allTopicNames().get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    } finally {
      admin.deleteTopics(List.of(probe)).all().get(30, TimeUnit.SECONDS);
    }
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  String topic() {
    return topic;
  }

  /** The arguments of an instance on this object's topic, any free port. */
  String[] args(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("--port", "0", "--bootstrap-servers", bootstrapServers, "--topic", topic));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** Starts an instance on this object's topic; stopped by {@link #close()} at the latest. */
  SchemaRegistryServer start(String... extra) {
    SchemaRegistryServer server =
        SchemaRegistryServer.start(RegistryConfig.parse(args(extra), Map.of()));
    started.add(server);
    return server;
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Stops every instance still running and deletes the topic and the election's group. */
  @Override
  public void close() {
    started.forEach(SchemaRegistryServer::close);
    try (Admin admin = admin()) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      admin
          .deleteConsumerGroups(List.of("tokenlens-schema-registry-writer." + topic))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // best effort: a leftover topic or group does not affect other test classes
    }
  }
}
