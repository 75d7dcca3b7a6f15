package io.tokenlens.simulator.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageProfileScoreTest {
  @Test
  void shouldSplitRowsIntoQuintilesAsClickHouseNtileDoes() {
    // ntile(5) of 7 rows: 2, 2, 1, 1, 1
    List<Integer> tiers = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      tiers.add(UsageProfileScore.tier(i, 7));
    }
    assertThat(tiers).containsExactly(1, 1, 2, 2, 3, 4, 5);
    assertThat(UsageProfileScore.tier(2, 3)).isEqualTo(3);
  }

  @Test
  void shouldListEngineersBelowATenthOfTheMedianIncludingThoseWithoutUsage() {
    List<UsageProfileScore.Row> rows =
        List.of(
            new UsageProfileScore.Row("a", true, 1_000, 2),
            new UsageProfileScore.Row("b", true, 1_200, 2),
            new UsageProfileScore.Row("c", true, 900, 1),
            new UsageProfileScore.Row("d", true, 99, 2),
            new UsageProfileScore.Row("e", false, 0, 2));

    assertThat(UsageProfileScore.lowAdoption(rows)).containsExactly("d", "e");
  }

  @Test
  void shouldFindTheHeaviestTierEngineersWithUnderHalfTheMedianTiersMerges() {
    List<UsageProfileScore.Row> rows = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      rows.add(new UsageProfileScore.Row("usual-" + i, true, 1_000 + i, 4));
    }
    rows.add(new UsageProfileScore.Row("heavy-busy", true, 9_000, 4));
    rows.add(new UsageProfileScore.Row("heavy-idle", true, 8_000, 1));

    assertThat(UsageProfileScore.heavyLowOutput(rows)).containsExactly("heavy-idle");
  }
}
