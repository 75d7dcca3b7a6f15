package io.tokenlens.streams.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import io.tokenlens.streams.state.BufferedKeyValueStore;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spend summed per subject and hour between two flushes, as the alert processor reads it. */
class SpendPartialsTest {

  private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

  private MockProcessorContext<String, SpendUpdate> context;
  private BufferedKeyValueStore<SpendPartials.Spend> store;
  private SpendPartials partials;

  @BeforeEach
  void init() {
    start(false, new MockProcessorContext<>());
  }

  private void start(boolean forwardWatermarks, MockProcessorContext<String, SpendUpdate> mock) {
    store =
        BufferedKeyValueStore.over(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(SpendPartials.STORE),
                    Serdes.String(),
                    new SpendPartials.SpendSerde())
                .withLoggingDisabled()
                .build());
    context = mock;
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    partials = new SpendPartials(forwardWatermarks);
    partials.init(context);
  }

  @Test
  void shouldForwardOneSumPerSubjectAndHourAtTheLatestRequestsTimeAndForgetIt() {
    request("eng-1", "payments", 1.0, NOON.plusSeconds(60));
    request("eng-1", "payments", 2.0, NOON.plusSeconds(30));
    request("eng-2", "payments", 4.0, NOON.plusSeconds(90));
    request("eng-1", "payments", 8.0, NOON.plusSeconds(3600)); // the next hour
    request("stranger", null, 16.0, NOON.plusSeconds(10)); // no team
    assertThat(context.forwarded()).isEmpty();

    flush();

    List<String> forwarded =
        context.forwarded().stream()
            .map(
                f ->
                    f.record().key()
                        + " "
                        + ((SpendUpdate.Sum) f.record().value()).usd()
                        + " "
                        + Instant.ofEpochMilli(f.record().timestamp()))
            .toList();
    assertThat(forwarded)
        .containsExactlyInAnyOrder(
            "ENGINEER:eng-1 3.0 2026-03-02T12:01:00Z",
            "ENGINEER:eng-1 8.0 2026-03-02T13:00:00Z",
            "ENGINEER:eng-2 4.0 2026-03-02T12:01:30Z",
            "ENGINEER:stranger 16.0 2026-03-02T12:00:10Z",
            "TEAM:payments 7.0 2026-03-02T12:01:30Z",
            "TEAM:payments 8.0 2026-03-02T13:00:00Z");
    try (var left = store.all()) {
      assertThat(left.hasNext()).isFalse();
    }

    context.resetForwards();
    flush();
    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void shouldForwardItsWatermarkAfterTheSumsOnlyWhenItsRequestsAdvanced() {
    start(true, new MockProcessorContext<>(new Properties(), new TaskId(2, 3), null));
    request("eng-1", "payments", 1.0, NOON.plusSeconds(600));
    request("eng-1", "payments", 2.0, NOON.plusSeconds(30)); // behind: the watermark stays
    flush();

    List<String> forwarded =
        context.forwarded().stream().map(f -> f.record().key() + " " + f.record().value()).toList();
    assertThat(forwarded)
        .containsExactly(
            "ENGINEER:eng-1 Sum[usd=3.0]",
            "TEAM:payments Sum[usd=3.0]",
            "watermark:3 Watermark[partition=3, eventTime="
                + NOON.plusSeconds(600).toEpochMilli()
                + "]");
    assertThat(context.forwarded().get(2).record().timestamp())
        .isEqualTo(NOON.plusSeconds(600).toEpochMilli());

    context.resetForwards();
    request("eng-2", "payments", 4.0, NOON.plusSeconds(300)); // not past the watermark
    flush();
    assertThat(context.forwarded())
        .extracting(f -> f.record().value())
        .allMatch(v -> v instanceof SpendUpdate.Sum)
        .hasSize(2);

    context.resetForwards();
    flush(); // nothing read since
    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void shouldForwardNoWatermarkWhenHoursCloseByTheWallClock() {
    request("eng-1", "payments", 1.0, NOON.plusSeconds(600));
    flush();
    assertThat(context.forwarded())
        .extracting(f -> f.record().value())
        .allMatch(v -> v instanceof SpendUpdate.Sum)
        .hasSize(2);
  }

  @Test
  void shouldRoundTripASumThroughItsSerde() {
    SpendPartials.SpendSerde serde = new SpendPartials.SpendSerde();
    SpendPartials.Spend back =
        serde
            .deserializer()
            .deserialize(
                "t", serde.serializer().serialize("t", new SpendPartials.Spend(1.25, 42L)));
    assertThat(back.usd()).isCloseTo(1.25, within(1e-12));
    assertThat(back.latest()).isEqualTo(42L);
  }

  private void request(String engineer, String team, double usd, Instant at) {
    TokenUsage usage =
        TokenUsages.aRequest()
            .engineer(engineer)
            .with(b -> b.setTeam(team).setComputedCostUsd(usd))
            .at(at)
            .build();
    partials.process(new Record<>("session", usage, at.toEpochMilli()));
  }

  private void flush() {
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
    punctuator.getPunctuator().punctuate(0L);
  }
}
