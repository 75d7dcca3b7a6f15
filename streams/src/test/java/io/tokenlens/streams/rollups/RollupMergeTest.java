package io.tokenlens.streams.rollups;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.schemas.avro.LateRecord;
import io.tokenlens.schemas.avro.UsageRollup;
import io.tokenlens.schemas.registry.InMemorySchemaRegistryClient;
import io.tokenlens.schemas.topics.TopicSerdes;
import io.tokenlens.schemas.topics.Topics;
import io.tokenlens.streams.state.BufferedWindowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sum of the partial sums of tasks, as tasks whose stream times differ deliver them. */
class RollupMergeTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration MERGE_GRACE = Duration.ofMinutes(10);
  private static final long W0 = Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();

  private final TopicSerdes serdes = new TopicSerdes(new InMemorySchemaRegistryClient(), Map.of());
  private final Serializer<UsageRollup> rollupSerializer =
      serdes.valueSerde(Topics.USAGE_ROLLUPS).serializer();
  private MockProcessorContext<String, SpecificRecord> context;
  private RollupMerge merge;
  private BufferedWindowStore<RollupTotals> store;
  private long streamTime;

  @BeforeEach
  void init() {
    store =
        BufferedWindowStore.storeBuilder(
                Stores.inMemoryWindowStore(
                    RollupMerge.TOTALS,
                    Duration.ofMillis(
                        RollupMerge.retention(MINUTE.toMillis(), MERGE_GRACE.toMillis())),
                    MINUTE,
                    false),
                new RollupTotalsSerde())
            .withLoggingDisabled()
            .build();
    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(Instant.parse("2026-03-02T10:00:00Z").toEpochMilli());
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    merge =
        new RollupMerge(
            MINUTE,
            MERGE_GRACE,
            new RollupRecords(Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC)),
            rollupSerializer);
    merge.init(context);
  }

  @Test
  void shouldEmitEachKeysTotalOncePerCommitWithTheNumberOfPartialSumsAsVersion() {
    partial("TEAM:payments", W0, 3, 2, 1000);
    partial("TEAM:payments", W0, 5, 1, 500);
    partial("TEAM:core", W0, 1, 1, 10);
    assertThat(rollups()).isEmpty();

    commit();
    Map<String, UsageRollup> byValue =
        rollups().stream().collect(Collectors.toMap(UsageRollup::getDimensionValue, r -> r));
    assertThat(rollups()).hasSize(2);
    assertThat(byValue.get("core").getVersion()).isEqualTo(1L);
    UsageRollup total = byValue.get("payments");
    assertThat(total.getVersion()).isEqualTo(2L);
    assertThat(total.getRequests()).isEqualTo(8);
    assertThat(total.getSessions()).isEqualTo(3);
    assertThat(total.getInputTokens()).isEqualTo(1500);
    assertThat(total.getWindowStart()).isEqualTo(Instant.ofEpochMilli(W0));
    assertThat(total.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(W0 + MINUTE.toMillis()));
    assertThat(context.forwarded().stream().map(f -> (String) f.record().key()).toList())
        .containsExactlyInAnyOrder(
            "TEAM:payments@2026-03-02T09:00:00Z", "TEAM:core@2026-03-02T09:00:00Z");

    context.resetForwards();
    partial("TEAM:payments", W0, 1, 0, 1);
    commit();
    assertThat(rollups())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getDimensionValue()).isEqualTo("payments");
              assertThat(r.getVersion()).isEqualTo(3L);
              assertThat(r.getRequests()).isEqualTo(9);
            });
    context.resetForwards();
    commit();
    assertThat(rollups()).isEmpty(); // nothing changed since the last commit
  }

  @Test
  void shouldStillAddAPartialSumOfATaskThatIsBehindWithinTheMergeGrace() {
    partial("MODEL:m", W0, 1, 1, 1);
    partial("MODEL:m", W0 + Duration.ofMinutes(9).toMillis(), 1, 1, 1);
    partial("MODEL:m", W0, 2, 1, 2);
    commit();

    assertThat(rollups())
        .filteredOn(r -> r.getWindowStart().toEpochMilli() == W0)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getWindowStart()).isEqualTo(Instant.ofEpochMilli(W0));
              assertThat(r.getVersion()).isEqualTo(2L);
              assertThat(r.getRequests()).isEqualTo(3);
            });
  }

  @Test
  void shouldReportAPartialSumPastTheMergeGraceAsALateRecordAndNotStartASmallerTotal() {
    partial("MODEL:m", W0, 1, 1, 1);
    partial("MODEL:m", W0 + Duration.ofMinutes(11).toMillis(), 1, 1, 1);
    commit();
    context.resetForwards();
    partial("MODEL:m", W0, 2, 1, 7);
    commit();

    List<CapturedForward<? extends String, ? extends SpecificRecord>> forwards =
        context.forwarded();
    assertThat(forwards)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.record().key()).isEqualTo("MODEL:m");
              LateRecord late = (LateRecord) f.record().value();
              assertThat(late.getOperator()).isEqualTo(RollupMerge.TOTALS);
              assertThat(late.getEventTime()).isEqualTo(Instant.ofEpochMilli(W0));
              UsageRollup missed =
                  serdes
                      .valueSerde(Topics.USAGE_ROLLUPS)
                      .deserializer()
                      .deserialize("t", late.getPayload().array());
              assertThat(missed.getInputTokens()).isEqualTo(7);
              assertThat(missed.getRequests()).isEqualTo(2);
            });
  }

  private void partial(
      String key, long windowStart, long requests, long sessions, long inputTokens) {
    RollupTotals totals = new RollupTotals();
    totals.requests = requests;
    totals.sessions = sessions;
    totals.inputTokens = inputTokens;
    totals.parts = 1;
    streamTime = Math.max(streamTime, windowStart);
    context.setCurrentStreamTimeMs(streamTime);
    merge.process(new Record<>(key, totals, windowStart));
  }

  private void commit() {
    store.flushCache();
  }

  private List<UsageRollup> rollups() {
    return context.forwarded().stream()
        .map(f -> f.record().value())
        .filter(UsageRollup.class::isInstance)
        .map(UsageRollup.class::cast)
        .toList();
  }
}
