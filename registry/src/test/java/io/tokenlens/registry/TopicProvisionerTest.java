package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/** The registry's topic provisioning against a broker whose metadata lags behind a create. */
class TopicProvisionerTest {

  @Test
  void shouldVerifyATopicThatTheBrokerDescribesOnlyAWhileAfterCreatingIt() {
    try (LaggingAdmin admin = new LaggingAdmin(3)) {
      new TopicProvisioner(admin, Duration.ofSeconds(10)).ensure("_schemas");

      assertThat(admin.describes.get())
          .as("describe calls: one to look, three lagging, one that succeeds")
          .isEqualTo(5);
    }
  }

  @Test
  void shouldGiveUpWithTheCauseWhenTheTopicNeverBecomesVisible() {
    try (LaggingAdmin admin = new LaggingAdmin(Integer.MAX_VALUE)) {
      assertThatThrownBy(
              () -> new TopicProvisioner(admin, Duration.ofMillis(500)).ensure("_schemas"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot provision schema topic _schemas")
          .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
    }
  }

  /**
   * A one-broker admin whose describe answers "unknown topic" a number of times after the topic is
   * created.
   */
  private static final class LaggingAdmin extends MockAdminClient {
    final AtomicInteger describes = new AtomicInteger();
    private final int lagging;
    private int laggedSoFar;
    private boolean created;

    LaggingAdmin(int lagging) {
      super(List.of(new Node(0, "127.0.0.1", 9092)), new Node(0, "127.0.0.1", 9092));
      this.lagging = lagging;
    }

    @Override
    public synchronized CreateTopicsResult createTopics(
        Collection<NewTopic> topics, CreateTopicsOptions options) {
      created = true;
      return super.createTopics(topics, options);
    }

    @Override
    public synchronized DescribeTopicsResult describeTopics(
        TopicCollection topics, DescribeTopicsOptions options) {
      describes.incrementAndGet();
      if (created && laggedSoFar < lagging) {
        laggedSoFar++;
        KafkaFutureImpl<TopicDescription> unknown = new KafkaFutureImpl<>();
        unknown.completeExceptionally(
            new UnknownTopicOrPartitionException("This server does not host this topic"));
        String name = ((TopicCollection.TopicNameCollection) topics).topicNames().iterator().next();
        Map<String, KafkaFuture<TopicDescription>> byName = Map.of(name, unknown);
        return new DescribeTopicsResult(null, byName) {};
      }
      return super.describeTopics(topics, options);
    }
  }
}
