package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.registry.RegistryClient.Reply;
import io.tokenlens.testkit.StackScope;
import io.tokenlens.testkit.StackTest;
import io.tokenlens.testkit.Waits;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several instances on one topic: one writer, followers forward writes and serve reads. */
@StackTest
class WriterElectionIT {
  private KafkaForTests kafka;

  @BeforeEach
  void createTopicName(StackScope stack) {
    kafka = new KafkaForTests(stack, "election");
  }

  @AfterEach
  void cleanUp() throws Exception {
    kafka.close();
  }

  private static RegistryClient client(SchemaRegistryServer server) {
    return new RegistryClient(server.url()).withBasicAuth("ops", "pw");
  }

  @Test
  void shouldKeepTheFirstInstanceAsWriterAndForwardWritesFromTheSecond() {
    SchemaRegistryServer first = kafka.start("--basic-auth", "ops:pw");
    SchemaRegistryServer second = kafka.start("--basic-auth", "ops:pw");

    assertThat(first.isWriter()).isTrue();
    assertThat(second.isWriter()).isFalse();

    int viaSecond = client(second).register("usage-value", Schemas.V1);
    // the follower waited for its own reader: it shows the write at once
    assertThat(client(second).get("/subjects/usage-value/versions/1").json().get("id").asInt())
        .isEqualTo(viaSecond);
    assertThat(client(first).get("/subjects/usage-value/versions/1").json().get("id").asInt())
        .isEqualTo(viaSecond);

    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      SchemaRegistryServer via = i % 2 == 0 ? first : second;
      ids.add(client(via).register("subject-" + i + "-value", Schemas.unique()));
    }
    assertThat(ids).hasSize(6).doesNotContain(viaSecond);

    Reply incompatible =
        client(second)
            .post(
                "/subjects/usage-value/versions",
                RegistryClient.schemaBody(Schemas.V2_TYPE_CHANGED));
    assertThat(incompatible.status()).isEqualTo(409);
    assertThat(incompatible.message()).contains("TYPE_MISMATCH");

    assertThat(client(second).put("/config", "{\"compatibility\":\"NONE\"}").json().toString())
        .isEqualTo("{\"compatibility\":\"NONE\"}");
    assertThat(client(first).get("/config").json().toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    assertThat(client(second).delete("/subjects/usage-value").json().toString()).isEqualTo("[1]");
    assertThat(client(first).get("/subjects/usage-value/versions").errorCode()).isEqualTo(40401);

    assertThat(
            new RegistryClient(second.url())
                .post("/subjects/x/versions", RegistryClient.schemaBody(Schemas.V1))
                .status())
        .isEqualTo(401);
  }

  @Test
  void shouldHandTheWriterRoleToAFollowerWhenTheWriterStops() {
    SchemaRegistryServer first = kafka.start("--basic-auth", "ops:pw");
    SchemaRegistryServer second = kafka.start("--basic-auth", "ops:pw");
    int before = client(first).register("usage-value", Schemas.V1);

    first.close();

    Waits.until("the second instance to become the writer", Waits.LONG, second::isWriter);
    int after = client(second).register("other-value", Schemas.OTHER);
    assertThat(after).isGreaterThan(before);

    SchemaRegistryServer third = kafka.start("--basic-auth", "ops:pw");
    assertThat(third.isWriter()).isFalse();
    int viaThird = client(third).register("third-value", Schemas.unique());
    assertThat(viaThird).isGreaterThan(after);
    assertThat(client(second).get("/subjects/third-value/versions/1").json().get("id").asInt())
        .isEqualTo(viaThird);
  }

  @Test
  void shouldTakeTheRoleBackAfterAForeignProducerFencedIt() {
    SchemaRegistryServer only = kafka.start();
    RegistryClient client = new RegistryClient(only.url());
    int before = client.register("usage-value", Schemas.V1);

    FencingProducer.fence(only.config());

    // the write finds the instance fenced, the instance rejoins the election and wins it again
    int after = client.register("other-value", Schemas.OTHER);
    assertThat(after).isGreaterThan(before);
    assertThat(only.isWriter()).isTrue();
  }
}
