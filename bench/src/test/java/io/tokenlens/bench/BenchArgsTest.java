package io.tokenlens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

  private static final Map<String, String> DEFAULTS = Map.of("rows", "100", "sizes", "1,2");

  @Test
  void givenValuesReplaceDefaultsAndFlagsStandAlone() {
    BenchArgs args =
        BenchArgs.parse(
            List.of("--verbose", "--rows", "250", "--extra", "x"),
            DEFAULTS,
            Set.of("extra"),
            Set.of("verbose"));

    assertThat(args.intIn("rows", 1, 1_000)).isEqualTo(250);
    assertThat(args.intsIn("sizes", 1, 10)).containsExactly(1, 2);
    assertThat(args.string("extra")).isEqualTo("x");
    assertThat(args.flag("verbose")).isTrue();
    assertThat(args.existingFile("missing-optional")).isEmpty();
  }

  @Test
  void checkReportsEveryProblemThenTheUsage() {
    BenchArgs args =
        BenchArgs.parse(
            List.of("--rows", "0", "--sizes", "3,x", "--bogus", "--rows"),
            DEFAULTS,
            Set.of(),
            Set.of());
    args.intIn("rows", 1, 1_000);
    args.intsIn("sizes", 1, 10);
    args.error("rows and sizes disagree");

    assertThatThrownBy(() -> args.check("usage: bench thing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown argument '--bogus'")
        .hasMessageContaining("--rows needs a value")
        .hasMessageContaining("--rows must be between 1 and 1000 but is 0")
        .hasMessageContaining("--sizes must be a whole number but is 'x'")
        .hasMessageContaining("rows and sizes disagree")
        .hasMessageEndingWith("usage: bench thing");
  }

  @Test
  void checkPassesWhenNothingIsWrong() {
    BenchArgs args = BenchArgs.parse(List.of(), DEFAULTS, Set.of(), Set.of());
    args.intIn("rows", 1, 1_000);

    args.check("usage");
    assertThat(args.flag("verbose")).isFalse();
  }
}
