package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendingDecisionsTest {
  /** A wall clock long past every entry's settle time (none is set but in the settle test). */
  private static final long NOW = Long.MAX_VALUE / 2;

  private static final long GRACE = 60_000;
  private KeyValueStore<String, String> store;
  private final List<String> decided = new ArrayList<>();

  @BeforeEach
  void store() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("pending"), Serdes.String(), Serdes.String())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  private void decide(String id, String value) {
    decided.add(id + "=" + value);
  }

  @Test
  void shouldDecideByWallClockOnlyWhatIsDueInWallClockOrder() {
    PendingDecisions<String> pending = new PendingDecisions<>(store, GRACE, 0);
    pending.schedule("late-event", 1_000, 5_000, "a");
    pending.schedule("early-event", 500, 9_000, "b");
    pending.schedule("not-yet", 400, 200_000, "c");

    pending.decideByWallClock(9_000 + GRACE, this::decide);

    assertThat(decided).containsExactly("late-event=a", "early-event=b");
    assertThat(store.approximateNumEntries()).isEqualTo(1);
  }

  @Test
  void shouldNotDecideTwiceWhatStreamTimeDecidedFirst() {
    PendingDecisions<String> pending = new PendingDecisions<>(store, GRACE, 0);
    pending.schedule("one", 1_000, 5_000, "a");
    pending.schedule("two", 2_000, 6_000, "b");

    pending.decideByStreamTime(1_000 + GRACE, NOW, this::decide);
    pending.decideByWallClock(Long.MAX_VALUE - GRACE, this::decide);

    assertThat(decided).containsExactly("one=a", "two=b");
  }

  @Test
  void shouldFindWhatIsDueAfterARestartFromTheStoreAlone() {
    new PendingDecisions<>(store, GRACE, 0).schedule("restored", 1_000, 5_000, "a");
    new PendingDecisions<>(store, GRACE, 0).schedule("later", 1_000, 50_000, "b");

    PendingDecisions<String> restarted = new PendingDecisions<>(store, GRACE, 0);
    restarted.decideByWallClock(5_000 + GRACE, this::decide);

    assertThat(decided).containsExactly("restored=a");
  }

  @Test
  void shouldDecideByStreamTimeAfterARestartFromTheStoreAlone() {
    new PendingDecisions<>(store, GRACE, 0).schedule("second", 2_000, 5_000, "b");
    new PendingDecisions<>(store, GRACE, 0).schedule("first", 1_000, 5_000, "a");
    new PendingDecisions<>(store, GRACE, 0).schedule("later", 9_000, 5_000, "c");

    PendingDecisions<String> restarted = new PendingDecisions<>(store, GRACE, 0);
    restarted.decideByStreamTime(2_000 + GRACE, NOW, this::decide);
    restarted.decideByStreamTime(2_000 + GRACE, NOW, this::decide);

    assertThat(decided).containsExactly("first=a", "second=b");
  }

  @Test
  void shouldHoldADecisionDueOnStreamTimeUntilItHasSettledOnTheWallClock() {
    PendingDecisions<String> pending = new PendingDecisions<>(store, GRACE, 10_000);
    pending.schedule("first", 1_000, 5_000, "a"); // scheduled at wall-clock 5 s: settled at 15 s
    pending.schedule("second", 2_000, 20_000, "b"); // settled at 30 s

    pending.decideByStreamTime(2_000 + GRACE, 14_999, this::decide);
    assertThat(decided).isEmpty(); // another input may not have been fetched yet
    pending.decideByStreamTime(2_000 + GRACE, 15_000, this::decide);
    assertThat(decided).containsExactly("first=a");
    pending.decideByStreamTime(2_000 + GRACE, 30_000, this::decide);

    assertThat(decided).containsExactly("first=a", "second=b");
  }

  @Test
  void shouldDecideALateEventDueBeforeWhatWasDecidedAlready() {
    PendingDecisions<String> pending = new PendingDecisions<>(store, GRACE, 0);
    pending.schedule("first", 5_000, 0, "a");
    pending.schedule("future", 90_000, 0, "c");
    pending.decideByStreamTime(5_000 + GRACE, NOW, this::decide);
    pending.schedule("late", 1_000, 0, "b"); // due before "first", after it was decided
    pending.decideByStreamTime(5_000 + GRACE, NOW, this::decide);

    assertThat(decided).containsExactly("first=a", "late=b");
  }

  @Test
  void shouldPadDueTimesSoTheyOrderAsNumbers() {
    assertThat(PendingDecisions.padded(42)).isEqualTo("00000000000000000042");
    assertThat(PendingDecisions.padded(1_796_190_957_523L)).hasSize(20).endsWith("1796190957523");
  }
}
