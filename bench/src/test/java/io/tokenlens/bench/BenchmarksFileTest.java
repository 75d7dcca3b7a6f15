package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchmarksFileTest {

  @Test
  void replacesOnlyTheBlockBetweenTheMarkers() {
    String existing =
        "# Benchmarks\n\nintro\n\n"
            + BenchmarksFile.START
            + "\nold table\n"
            + BenchmarksFile.END
            + "\n\n## What was changed for speed\nnotes\n";
    String updated = BenchmarksFile.update(existing, "new table\n");
    assertThat(updated)
        .contains("intro")
        .contains("new table")
        .doesNotContain("old table")
        .endsWith("## What was changed for speed\nnotes\n");
  }

  @Test
  void appendsTheBlockToFileWithoutMarkers() {
    assertThat(BenchmarksFile.update("", "table"))
        .isEqualTo(
            "# Benchmarks\n\n" + BenchmarksFile.START + "\ntable\n" + BenchmarksFile.END + "\n");
  }
}
