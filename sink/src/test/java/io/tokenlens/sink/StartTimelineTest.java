package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenlens.sink.StartTimeline.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartTimelineTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldKeepTheFirstTimeOfEachStep() {
    StartTimeline timeline = new StartTimeline();
    timeline.mark(Step.STARTED, 10 * SECOND);
    timeline.mark(Step.FIRST_FETCH, 11 * SECOND);
    timeline.mark(Step.FIRST_FETCH, 12 * SECOND);

    assertThat(timeline.at(Step.FIRST_FETCH)).hasValue(11 * SECOND);
    assertThat(timeline.at(Step.ASSIGNED)).isEmpty();
    assertThat(timeline.secondsFromStart())
        .containsExactly(Map.entry(Step.STARTED, 0.0), Map.entry(Step.FIRST_FETCH, 1.0));
  }

  @Test
  void shouldKeepTheRowsOfTheFirstInsertOnly() {
    StartTimeline timeline = new StartTimeline();
    timeline.mark(Step.STARTED, SECOND);
    timeline.firstInsert(6_250, 2 * SECOND);
    timeline.firstInsert(12_500, 3 * SECOND);

    assertThat(timeline.firstInsertRows()).isEqualTo(6_250);
    assertThat(timeline.at(Step.FIRST_INSERT_STARTED)).hasValue(2 * SECOND);
  }

  @Test
  void shouldKeepTheFirstSixteenInsertsFromStart() {
    StartTimeline timeline = new StartTimeline();
    timeline.mark(Step.STARTED, SECOND);
    for (int i = 0; i < StartTimeline.INSERTS_KEPT + 4; i++) {
      timeline.inserted(2 * SECOND + i * SECOND, 2 * SECOND + i * SECOND + SECOND / 4, 1_000 + i);
    }

    assertThat(timeline.inserts()).hasSize(StartTimeline.INSERTS_KEPT);
    assertThat(timeline.insertsFromStart().get(0)).isEqualTo("1.00-1.25 (1,000)");
    assertThat(timeline.insertsFromStart().get(15)).isEqualTo("16.00-16.25 (1,015)");
  }
}
