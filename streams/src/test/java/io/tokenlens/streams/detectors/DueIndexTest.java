package io.tokenlens.streams.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DueIndexTest {

  @Test
  void shouldListTheKeysDueByATimeEarliestFirstWithTheirLatestDue() {
    DueIndex index = new DueIndex();
    index.put("b", 200);
    index.put("a", 100);
    index.put("c", 300);
    index.put("b", 1_000); // touched again: due later

    assertThat(index.dueBy(300)).containsExactly("a", "c");
    index.remove("a");
    assertThat(index.dueBy(2_000)).containsExactly("c", "b");
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void shouldOrderDueTimesAsNumbers() {
    DueIndex index = new DueIndex();
    index.put("late", 10_000);
    index.put("early", 9);

    assertThat(index.dueBy(10_000)).containsExactly("early", "late");
  }
}
