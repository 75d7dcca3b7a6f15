package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

  @Test
  void shouldConfigureASingleKraftNodeFitForExactlyOnce() {
    StackSettings settings = StackSettings.fromEnvironment(Path.of("/repo"), Map.of());
    String props = new KafkaBroker(settings).serverProperties();
    assertThat(props.lines())
        .contains(
            "process.roles=broker,controller",
            "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
            "auto.create.topics.enable=false",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "log.dirs=/repo/.tokenlens/kafka/data");
  }

  @Test
  void shouldMakeEveryBrokerOfAThreeBrokerClusterAVoterWithInternalTopicsReplicatedThrice() {
    StackSettings settings =
        StackSettings.fromEnvironment(Path.of("/repo"), Map.of("TOKENLENS_KAFKA_BROKERS", "3"));
    List<KafkaBroker> cluster = KafkaBroker.cluster(settings);

    assertThat(cluster)
        .extracting(KafkaBroker::name)
        .containsExactly("kafka-1", "kafka-2", "kafka-3");
    assertThat(cluster.get(2).address()).isEqualTo("127.0.0.1:9096");
    assertThat(cluster.get(1).serverProperties().lines())
        .contains(
            "node.id=2",
            "controller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097",
            "listeners=PLAINTEXT://127.0.0.1:9094,CONTROLLER://127.0.0.1:9095",
            "advertised.listeners=PLAINTEXT://127.0.0.1:9094",
            "default.replication.factor=3",
            "min.insync.replicas=2",
            "offsets.topic.replication.factor=3",
            "transaction.state.log.replication.factor=3",
            "transaction.state.log.min.isr=2",
            "log.dirs=/repo/.tokenlens/kafka-2/data");
  }
}
