package io.tokenlens.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
