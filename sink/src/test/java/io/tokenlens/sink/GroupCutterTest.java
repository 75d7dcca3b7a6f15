package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupCutterTest {

  private static final long SECOND = 1_000_000_000L;
  private static final String TOPIC = "token-usage-enriched";

  private static GroupCutter.Candidate candidate(int partition, int size, long oldest, long lag) {
    return new GroupCutter.Candidate(new TopicPartition(TOPIC, partition), size, oldest, lag);
  }

  private static GroupCutter.Take take(int partition, int rows) {
    return new GroupCutter.Take(new TopicPartition(TOPIC, partition), rows);
  }

  @Test
  void shouldTakeEveryPartitionIntoOneInsertOnceTheOldestRecordWaitedMaxWait() {
    GroupCutter cutter = new GroupCutter(1_000, 1_000, SECOND, 10 * SECOND, 64);
    List<GroupCutter.Candidate> candidates =
        List.of(
            candidate(0, 10, SECOND / 2, 0),
            candidate(1, 20, 0, 0),
            candidate(2, 5, SECOND / 4, 0));
    assertThat(cutter.due(candidates, SECOND - 1)).isEmpty();
    assertThat(cutter.due(candidates, SECOND))
        .containsExactly(take(1, 20), take(2, 5), take(0, 10));
  }

  @Test
  void shouldCutAtMaxRowsCountedOverAllPartitionsOldestFirst() {
    GroupCutter cutter = new GroupCutter(100, 100, SECOND, SECOND, 64);
    // 60 + 60 buffered: full, though no record waited long; the insert takes 100 rows, the oldest
    // partition whole
    assertThat(cutter.due(List.of(candidate(0, 60, 5, 0), candidate(1, 60, 3, 0)), 10))
        .containsExactly(take(1, 60), take(0, 40));
    assertThat(cutter.due(List.of(candidate(0, 49, 5, 0), candidate(1, 50, 3, 0)), 10)).isEmpty();
  }

  @Test
  void shouldWaitLongerWhileTheTableCatchesUp() {
    GroupCutter cutter = new GroupCutter(1_000, 1_000, SECOND, 10 * SECOND, 64);
    List<GroupCutter.Candidate> behind = List.of(candidate(0, 10, 0, 300), candidate(1, 10, 0, 0));
    assertThat(cutter.due(behind, 2 * SECOND)).isEmpty();
    assertThat(cutter.due(behind, 10 * SECOND)).hasSize(2);
    // fewer records on the brokers than buffered: caught up, max wait applies
    assertThat(cutter.due(List.of(candidate(0, 10, 0, 5), candidate(1, 10, 0, 0)), 2 * SECOND))
        .hasSize(2);
  }

  @Test
  void shouldTakeAtMostMaxPartitions() {
    GroupCutter cutter = new GroupCutter(1_000, 1_000, SECOND, SECOND, 2);
    assertThat(
            cutter.due(
                List.of(candidate(0, 1, 3, 0), candidate(1, 1, 1, 0), candidate(2, 1, 2, 0)),
                SECOND * 5))
        .containsExactly(take(1, 1), take(2, 1));
  }

  @Test
  void shouldCutNothingFromEmptyPartitions() {
    GroupCutter cutter = new GroupCutter(1, 1, SECOND, SECOND, 64);
    assertThat(cutter.due(List.of(candidate(0, 0, 0, 0)), 5 * SECOND)).isEmpty();
    assertThat(cutter.due(List.of(), 5 * SECOND)).isEmpty();
  }

  @Test
  void shouldCutTheFirstInsertsOfABacklogSmallerAndDoubleThemUpToMaxRows() {
    GroupCutter cutter = GroupCutter.rampingUp(800, SECOND, 10 * SECOND, 64);
    List<GroupCutter.Candidate> backlog =
        List.of(candidate(0, 500, 0, 10_000), candidate(1, 500, 1, 10_000));
    // catching up, no record waited the catch-up wait: due anyway once a first insert's worth is
    // buffered
    assertThat(cutter.due(List.of(candidate(0, 99, 0, 10_000)), 1)).isEmpty();
    assertThat(cutter.due(backlog, 1)).containsExactly(take(0, 100));
    assertThat(cutter.due(backlog, 1)).containsExactly(take(0, 200));
    assertThat(cutter.due(backlog, 1)).containsExactly(take(0, 400));
    assertThat(cutter.due(backlog, 1)).containsExactly(take(0, 500), take(1, 300));
    assertThat(cutter.due(backlog, 1)).containsExactly(take(0, 500), take(1, 300));
  }

  @Test
  void shouldNotGrowTheNextInsertWhenNothingWasCut() {
    GroupCutter cutter = GroupCutter.rampingUp(800, SECOND, 10 * SECOND, 64);
    assertThat(cutter.due(List.of(candidate(0, 50, 0, 10_000)), 1)).isEmpty();
    assertThat(cutter.due(List.of(candidate(0, 150, 0, 10_000)), 1)).containsExactly(take(0, 100));
    assertThat(cutter.due(List.of(candidate(0, 150, 0, 10_000)), 1)).isEmpty();
    assertThat(cutter.due(List.of(candidate(0, 200, 0, 10_000)), 1)).containsExactly(take(0, 200));
  }

  @Test
  void shouldTakeEverythingBufferedInTheFirstInsertWhenNothingIsLeftOnTheBrokers() {
    GroupCutter cutter = GroupCutter.rampingUp(800, SECOND, 10 * SECOND, 64);
    List<GroupCutter.Candidate> fetched = List.of(candidate(0, 300, 0, 0), candidate(1, 300, 1, 0));
    assertThat(cutter.due(fetched, SECOND - 1)).isEmpty();
    assertThat(cutter.due(fetched, SECOND)).containsExactly(take(0, 300), take(1, 300));
  }
}
